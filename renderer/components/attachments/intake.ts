/**
 * Files dropped anywhere on a form, or pasted into any of its fields (a screenshot on the clipboard),
 * handed to `onFiles`. Text pasted or dragged inside a field is left alone. Returns whether files are
 * being dragged over it (to show where they will go).
 */
import { useEffect, useState, type RefObject } from 'react';
import { carriesFiles, filesOfDrop, filesOfPaste } from './capture.js';

export function useFileIntake(target: RefObject<HTMLElement | null>, onFiles: (files: File[]) => void): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    let depth = 0;
    const onEnter = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (e: DragEvent) => {
      depth = 0;
      setDragging(false);
      if (!carriesFiles(e.dataTransfer)) return;
      // Never let the browser open the file in place of the app.
      e.preventDefault();
      onFiles(filesOfDrop(e.dataTransfer));
    };
    const onPaste = (e: ClipboardEvent) => {
      const files = filesOfPaste(e.clipboardData);
      if (files.length === 0) return;
      e.preventDefault();
      onFiles(files);
    };
    el.addEventListener('dragenter', onEnter);
    el.addEventListener('dragleave', onLeave);
    el.addEventListener('dragover', onOver);
    el.addEventListener('drop', onDrop);
    el.addEventListener('paste', onPaste);
    return () => {
      el.removeEventListener('dragenter', onEnter);
      el.removeEventListener('dragleave', onLeave);
      el.removeEventListener('dragover', onOver);
      el.removeEventListener('drop', onDrop);
      el.removeEventListener('paste', onPaste);
    };
  }, [target, onFiles]);
  return dragging;
}
