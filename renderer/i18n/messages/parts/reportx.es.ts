/** Spanish messages of one area (reportx): exactly the keys of reportx.en.ts. */
import type { reportxEn } from './reportx.en.js';

export const reportxEs: Record<keyof typeof reportxEn, string> = {
  'reportx.fullText.all': 'Texto completo de todas las entradas, sean cuantas sean (si no, las primeras {full} completas y el resto en una línea cada una)',
  'reportx.estimate.paperRows': '({paper}; {full, plural, one {# entrada completa} other {# entradas completas}}, {rows, plural, one {# más en una línea} other {# más en una línea cada una}}).',
  'reportx.estimate.rows': 'Después de {full, plural, one {la primera entrada} other {las primeras # entradas}}, {rows, plural, one {# entrada se imprime} other {# entradas se imprimen}} en una línea: fecha, personas, patrones y primeras palabras.',
  'reportx.estimate.allFull': 'Texto completo de las {entries} entradas (unas {pages, plural, one {# página} other {# páginas}})',
  'reportx.estimate.isAll': 'Las {entries} entradas se imprimen completas: es una impresión larga.',
  'reportx.estimate.short': 'Solo las primeras {full} completas',
  'reportx.doc.rowsNote': 'Las primeras {full} de estas {total} entradas están completas arriba; {rows, plural, one {la otra # entrada ocupa} other {las otras # entradas ocupan}} una línea cada una (fecha, personas, patrones y primeras palabras). Para imprimirlas todas completas, elige «Texto completo de todas las entradas» al preparar el informe.',
  'reportx.doc.rowsLabel': '{rows, plural, one {# entrada} other {# entradas}}, una línea cada una',
  'reportx.verify.rowsNote': '{rows, plural, one {La # entrada impresa} other {Las # entradas impresas}} en una línea, con el código de la revisión mostrada (los 20 primeros caracteres de su hash). Sus hashes completos y pruebas de inclusión, como los de cada entrada, están en el paquete de pruebas (evidence.json).',
  'reportx.verify.row': 'Entrada n.º {id}, revisión {seq}:',
  'reportx.print.drawing': 'Dibujando las entradas: {drawn} de {total}…',
  'reportx.print.waiting': 'Preparando el informe para imprimir…',
  'reportx.print.printing': 'Imprimiendo… Un informe largo tarda un rato.',
  'reportx.print.progress': 'Entradas dibujadas',
  'reportx.charts.when': 'en este periodo',
};
