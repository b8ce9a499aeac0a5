/** Arabic messages of one area (browser mode's streamed downloads): exactly the keys of install.en.ts. */
import type { installEn } from './install.en.js';

export const installAr: Record<keyof typeof installEn, string> = {
  'install.download.export': 'يجري تنزيل التصدير. إنه غير مشفّر: احفظه في مكان لا يفتحه أحد غيرك.',
  'install.download.backup': 'يجري تنزيل نسختك الاحتياطية المشفّرة.',
};
