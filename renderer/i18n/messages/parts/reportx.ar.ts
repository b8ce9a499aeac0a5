/** Arabic messages of one area (reportx): exactly the keys of reportx.en.ts. */
import type { reportxEn } from './reportx.en.js';

const ENTRIES = (arg: string) => `{${arg}, plural, zero {لا إدخالات} one {إدخال واحد} two {إدخالان} few {# إدخالات} many {# إدخالًا} other {# إدخال}}`;
const PAGES = '{pages, plural, zero {# صفحة} one {صفحة واحدة} two {صفحتين} few {# صفحات} many {# صفحة} other {# صفحة}}';

export const reportxAr: Record<keyof typeof reportxEn, string> = {
  'reportx.fullText.all': 'النص الكامل لكل إدخال مهما كان عددها (وإلا فأول {full} كاملة والباقي في سطر واحد لكل إدخال)',
  'reportx.estimate.paperRows': `({paper}؛ ${ENTRIES('full')} كاملة، و${ENTRIES('rows')} أخرى في سطر واحد لكل منها).`,
  'reportx.estimate.rows': `بعد أول ${ENTRIES('full')}، يُطبع ${ENTRIES('rows')} في سطر واحد لكل منها: التاريخ والأشخاص والأنماط والكلمات الأولى.`,
  'reportx.estimate.allFull': `النص الكامل لجميع الإدخالات وعددها {entries} (نحو ${PAGES})`,
  'reportx.estimate.isAll': 'تُطبع الإدخالات كلها وعددها {entries} كاملةً: طباعة طويلة.',
  'reportx.estimate.short': 'أول {full} فقط كاملة',
  'reportx.doc.rowsNote': `أول {full} من هذه الإدخالات وعددها {total} مطبوعة كاملةً في الأعلى؛ والباقي (${ENTRIES('rows')}) في سطر واحد لكل منها (التاريخ والأشخاص والأنماط والكلمات الأولى). لطباعة كل الإدخالات كاملةً، اختر «النص الكامل لكل إدخال» عند إعداد التقرير.`,
  'reportx.doc.rowsLabel': `${ENTRIES('rows')}، سطر واحد لكل منها`,
  'reportx.verify.rowsNote': `الإدخالات المطبوعة في سطر واحد (${ENTRIES('rows')})، مع رمز المراجعة المعروضة (أول 20 حرفًا من بصمتها). بصماتها الكاملة وإثباتات تضمينها، كما لكل إدخال، موجودة في حزمة الإثبات (evidence.json).`,
  'reportx.verify.row': 'الإدخال رقم {id}، المراجعة {seq}:',
  'reportx.print.drawing': 'جارٍ رسم الإدخالات: {drawn} من {total}…',
  'reportx.print.waiting': 'جارٍ تجهيز التقرير للطباعة…',
  'reportx.print.printing': 'جارٍ الطباعة… يستغرق التقرير الطويل بعض الوقت.',
  'reportx.print.progress': 'الإدخالات المرسومة',
  'reportx.charts.when': 'في هذه الفترة',
};
