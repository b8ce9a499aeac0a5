/**
 * Small hand-written word lists for synthetic journal text in five languages. The text is word salad
 * with a topic: enough for full-text search, snippets and tokenizers to see realistic words, scripts
 * and lengths — never real journal content.
 */
import type { Category } from '../../shared/catalogue.js';

export const LANGUAGES = ['en', 'de', 'es', 'ja', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Lexicon {
  /** Joins words: a space, or nothing for Japanese. */
  readonly join: string;
  readonly stop: string;
  readonly comma: string;
  readonly capitalise: boolean;
  readonly common: readonly string[];
  readonly topics: Readonly<Record<Exclude<Category, 'other'>, readonly string[]>>;
  readonly outcomes: readonly string[];
}

const en: Lexicon = {
  join: ' ',
  stop: '.',
  comma: ',',
  capitalise: true,
  common: [
    'we', 'talked', 'again', 'after', 'dinner', 'today', 'yesterday', 'evening', 'morning', 'kitchen', 'phone', 'car',
    'weekend', 'felt', 'said', 'asked', 'wanted', 'thought', 'maybe', 'really', 'quietly', 'later', 'before', 'because',
    'when', 'then', 'and', 'but', 'it', 'was', 'the', 'a', 'about', 'with', 'them', 'me', 'my', 'their', 'plan', 'week',
    'home', 'work', 'friends', 'tired', 'calm', 'tense', 'walk', 'coffee', 'message', 'laughed', 'waited', 'noticed',
    'remember', 'usually', 'somehow', 'finally', 'small', 'long', 'conversation', 'moment', 'question', 'answer',
  ],
  topics: {
    money: ['money', 'budget', 'rent', 'bills', 'savings', 'account', 'spending', 'salary', 'purchase', 'loan'],
    decisions: ['decision', 'decided', 'choice', 'holiday', 'move', 'agreed', 'vote', 'options', 'together', 'opinion'],
    emotional: ['feelings', 'upset', 'guilty', 'ignored', 'mocked', 'hurt', 'empathy', 'apology', 'sorry', 'silence'],
    communication: ['interrupted', 'listened', 'argument', 'voice', 'shouted', 'explained', 'heard', 'speak', 'words', 'tone'],
    boundaries: ['boundary', 'space', 'pressure', 'refused', 'time', 'energy', 'privacy', 'limit', 'respected', 'no'],
    responsibilities: ['chores', 'laundry', 'dishes', 'groceries', 'cleaning', 'children', 'errands', 'share', 'cooking', 'schedule'],
    social: ['friends', 'family', 'party', 'visit', 'parents', 'colleagues', 'invitation', 'isolated', 'status', 'expectations'],
    control: ['checked', 'location', 'messages', 'threatened', 'monitored', 'password', 'forced', 'trust', 'autonomy', 'permission'],
    connection: ['hug', 'laughed', 'checkin', 'celebrated', 'gratitude', 'repair', 'humour', 'closeness', 'support', 'proud'],
  },
  outcomes: [
    'We agreed to talk again on Sunday.', 'Nothing was settled.', 'I wrote down what I want to say next time.',
    'They apologised later.', 'I took a walk to calm down.', 'We made a plan together.',
  ],
};

const de: Lexicon = {
  join: ' ',
  stop: '.',
  comma: ',',
  capitalise: true,
  common: [
    'wir', 'haben', 'heute', 'gestern', 'abends', 'morgens', 'wieder', 'nach', 'dem', 'essen', 'küche', 'telefon', 'auto',
    'wochenende', 'gefühlt', 'gesagt', 'gefragt', 'wollte', 'dachte', 'vielleicht', 'wirklich', 'leise', 'später', 'weil',
    'wenn', 'dann', 'und', 'aber', 'es', 'war', 'die', 'ein', 'über', 'mit', 'ihnen', 'mich', 'mein', 'plan', 'woche',
    'zuhause', 'arbeit', 'freunde', 'müde', 'ruhig', 'angespannt', 'spaziergang', 'kaffee', 'nachricht', 'gewartet',
    'bemerkt', 'gespräch', 'moment', 'frage', 'antwort', 'endlich', 'klein', 'lange',
  ],
  topics: {
    money: ['geld', 'budget', 'miete', 'rechnungen', 'ersparnisse', 'konto', 'ausgaben', 'gehalt', 'kauf', 'kredit'],
    decisions: ['entscheidung', 'entschieden', 'wahl', 'urlaub', 'umzug', 'einig', 'optionen', 'gemeinsam', 'meinung', 'vorschlag'],
    emotional: ['gefühle', 'verletzt', 'schuldig', 'ignoriert', 'verspottet', 'traurig', 'mitgefühl', 'entschuldigung', 'schweigen', 'wut'],
    communication: ['unterbrochen', 'zugehört', 'streit', 'stimme', 'geschrien', 'erklärt', 'gehört', 'sprechen', 'worte', 'ton'],
    boundaries: ['grenze', 'raum', 'druck', 'abgelehnt', 'zeit', 'energie', 'privatsphäre', 'respektiert', 'nein', 'abstand'],
    responsibilities: ['haushalt', 'wäsche', 'abwasch', 'einkauf', 'putzen', 'kinder', 'besorgungen', 'kochen', 'aufgaben', 'termine'],
    social: ['freunde', 'familie', 'feier', 'besuch', 'eltern', 'kollegen', 'einladung', 'isoliert', 'status', 'erwartungen'],
    control: ['kontrolliert', 'standort', 'nachrichten', 'gedroht', 'überwacht', 'passwort', 'gezwungen', 'vertrauen', 'erlaubnis', 'freiheit'],
    connection: ['umarmung', 'gelacht', 'gefeiert', 'dankbarkeit', 'versöhnung', 'humor', 'nähe', 'unterstützung', 'stolz', 'zusammen'],
  },
  outcomes: ['Wir reden am Sonntag weiter.', 'Nichts wurde geklärt.', 'Ich habe mir notiert, was ich sagen will.', 'Später kam eine Entschuldigung.'],
};

const es: Lexicon = {
  join: ' ',
  stop: '.',
  comma: ',',
  capitalise: true,
  common: [
    'hablamos', 'otra', 'vez', 'después', 'de', 'la', 'cena', 'hoy', 'ayer', 'tarde', 'mañana', 'cocina', 'teléfono',
    'coche', 'semana', 'sentí', 'dijo', 'preguntó', 'quería', 'pensé', 'quizás', 'realmente', 'despacio', 'luego',
    'porque', 'cuando', 'entonces', 'y', 'pero', 'era', 'el', 'un', 'sobre', 'con', 'ellos', 'mi', 'plan', 'casa',
    'trabajo', 'amigos', 'cansada', 'tranquilo', 'tenso', 'paseo', 'café', 'mensaje', 'esperé', 'noté', 'conversación',
    'momento', 'pregunta', 'respuesta', 'por', 'fin', 'pequeño', 'largo',
  ],
  topics: {
    money: ['dinero', 'presupuesto', 'alquiler', 'facturas', 'ahorros', 'cuenta', 'gastos', 'sueldo', 'compra', 'préstamo'],
    decisions: ['decisión', 'decidió', 'elección', 'vacaciones', 'mudanza', 'acuerdo', 'opciones', 'juntos', 'opinión', 'propuesta'],
    emotional: ['sentimientos', 'dolido', 'culpable', 'ignorada', 'burla', 'triste', 'empatía', 'disculpa', 'silencio', 'enfado'],
    communication: ['interrumpió', 'escuchó', 'discusión', 'voz', 'gritó', 'explicó', 'escuchada', 'hablar', 'palabras', 'tono'],
    boundaries: ['límite', 'espacio', 'presión', 'rechacé', 'tiempo', 'energía', 'privacidad', 'respetado', 'no', 'distancia'],
    responsibilities: ['tareas', 'ropa', 'platos', 'compras', 'limpieza', 'niños', 'recados', 'cocinar', 'reparto', 'horario'],
    social: ['amigas', 'familia', 'fiesta', 'visita', 'padres', 'colegas', 'invitación', 'aislada', 'estatus', 'expectativas'],
    control: ['revisó', 'ubicación', 'mensajes', 'amenazó', 'vigilada', 'contraseña', 'obligada', 'confianza', 'permiso', 'libertad'],
    connection: ['abrazo', 'reímos', 'celebramos', 'gratitud', 'reparación', 'humor', 'cercanía', 'apoyo', 'orgullo', 'cariño'],
  },
  outcomes: ['Quedamos en hablar el domingo.', 'No se resolvió nada.', 'Anoté lo que quiero decir.', 'Más tarde pidió perdón.'],
};

const ja: Lexicon = {
  join: '',
  stop: '。',
  comma: '、',
  capitalise: false,
  common: [
    '今日', '昨日', '夕食', 'あとで', '台所', '電話', '車', '週末', '感じた', '言った', '聞いた', 'たぶん', '本当に', '静かに',
    'それから', 'でも', 'そして', '私', '家', '仕事', '友達', '疲れた', '落ち着いた', '散歩', 'コーヒー', 'メッセージ',
    '待った', '気づいた', '会話', '少し', '長い', '質問', '答え', 'また', '話した', 'は', 'が', 'を', 'に', 'で', 'と',
  ],
  topics: {
    money: ['お金', '予算', '家賃', '請求書', '貯金', '口座', '出費', '給料', '買い物', 'ローン'],
    decisions: ['決定', '決めた', '選択', '休暇', '引っ越し', '合意', '意見', '一緒に', '提案', '相談'],
    emotional: ['気持ち', '傷ついた', '罪悪感', '無視', 'からかわれた', '悲しい', '共感', '謝罪', '沈黙', '怒り'],
    communication: ['遮られた', '聞いてくれた', '口論', '声', '怒鳴った', '説明', '話す', '言葉', '口調', '対話'],
    boundaries: ['境界', '空間', '圧力', '断った', '時間', 'エネルギー', 'プライバシー', '尊重', '距離', '限界'],
    responsibilities: ['家事', '洗濯', '皿洗い', '買い出し', '掃除', '子ども', '用事', '料理', '分担', '予定'],
    social: ['友人', '家族', 'パーティー', '訪問', '両親', '同僚', '招待', '孤立', '立場', '期待'],
    control: ['確認された', '位置情報', 'メッセージ', '脅された', '監視', 'パスワード', '強制', '信頼', '許可', '自由'],
    connection: ['ハグ', '笑った', '祝った', '感謝', '仲直り', 'ユーモア', '親しさ', '支え', '誇り', '一緒'],
  },
  outcomes: ['日曜日にまた話すことにした。', '何も決まらなかった。', '次に言いたいことを書き留めた。', 'あとで謝ってくれた。'],
};

const ar: Lexicon = {
  join: ' ',
  stop: '.',
  comma: '،',
  capitalise: false,
  common: [
    'تحدثنا', 'مرة', 'أخرى', 'بعد', 'العشاء', 'اليوم', 'أمس', 'مساء', 'صباحا', 'المطبخ', 'الهاتف', 'السيارة', 'الأسبوع',
    'شعرت', 'قال', 'سأل', 'أردت', 'فكرت', 'ربما', 'حقا', 'بهدوء', 'لاحقا', 'لأن', 'عندما', 'ثم', 'و', 'لكن', 'كان',
    'عن', 'مع', 'هم', 'أنا', 'خطة', 'البيت', 'العمل', 'الأصدقاء', 'متعب', 'هادئ', 'متوتر', 'نزهة', 'قهوة', 'رسالة',
    'انتظرت', 'لاحظت', 'محادثة', 'لحظة', 'سؤال', 'جواب', 'أخيرا', 'صغير', 'طويل',
  ],
  topics: {
    money: ['المال', 'الميزانية', 'الإيجار', 'الفواتير', 'المدخرات', 'الحساب', 'الإنفاق', 'الراتب', 'الشراء', 'القرض'],
    decisions: ['القرار', 'قررنا', 'الاختيار', 'العطلة', 'الانتقال', 'اتفقنا', 'الخيارات', 'معا', 'الرأي', 'الاقتراح'],
    emotional: ['المشاعر', 'مجروح', 'الذنب', 'تجاهل', 'سخرية', 'حزين', 'التعاطف', 'اعتذار', 'الصمت', 'الغضب'],
    communication: ['قاطعني', 'استمع', 'جدال', 'الصوت', 'صرخ', 'شرح', 'سمعني', 'الكلام', 'الكلمات', 'النبرة'],
    boundaries: ['الحدود', 'المساحة', 'الضغط', 'رفضت', 'الوقت', 'الطاقة', 'الخصوصية', 'احترام', 'لا', 'المسافة'],
    responsibilities: ['الأعمال', 'الغسيل', 'الصحون', 'التسوق', 'التنظيف', 'الأطفال', 'المهام', 'الطبخ', 'التقسيم', 'الجدول'],
    social: ['الصديقات', 'العائلة', 'الحفلة', 'الزيارة', 'الوالدين', 'الزملاء', 'الدعوة', 'معزولة', 'المكانة', 'التوقعات'],
    control: ['فتش', 'الموقع', 'الرسائل', 'هدد', 'مراقبة', 'كلمة', 'أجبرني', 'الثقة', 'الإذن', 'الحرية'],
    connection: ['عناق', 'ضحكنا', 'احتفلنا', 'الامتنان', 'المصالحة', 'الفكاهة', 'القرب', 'الدعم', 'الفخر', 'المودة'],
  },
  outcomes: ['اتفقنا على الحديث يوم الأحد.', 'لم يحسم شيء.', 'كتبت ما أريد قوله.', 'اعتذر لاحقا.'],
};

export const LEXICONS: Readonly<Record<Language, Lexicon>> = { en, de, es, ja, ar };

/** Synthetic first names: invented or very common, and never tied to a real journal. */
export const NAMES: Readonly<Record<Language, readonly string[]>> = {
  en: ['Alex', 'Sam', 'Jordan', 'Robin', 'Casey', 'Morgan', 'Taylor', 'Jamie', 'Riley', 'Avery'],
  de: ['Jonas', 'Lena', 'Lukas', 'Mia', 'Felix', 'Hanna', 'Paul', 'Greta'],
  es: ['Lucía', 'Mateo', 'Sofía', 'Diego', 'Valeria', 'Pablo', 'Elena', 'Javier'],
  ja: ['ゆき', 'はると', 'さくら', 'けんた', 'あおい', 'りく'],
  ar: ['سارة', 'عمر', 'ليلى', 'يوسف', 'نور', 'كريم'],
};

/** Custom patterns a user might add, in their own words. */
export const CUSTOM_PATTERNS: readonly { label: string; polarity: 'imbalance' | 'healthy' | 'neutral'; category: Category }[] = [
  { label: 'Plans changed last minute', polarity: 'imbalance', category: 'decisions' },
  { label: 'Compared me to their ex', polarity: 'imbalance', category: 'emotional' },
  { label: 'Kept score of favours', polarity: 'imbalance', category: 'responsibilities' },
  { label: 'Asked how my day was', polarity: 'healthy', category: 'connection' },
  { label: 'Shared the car fairly', polarity: 'healthy', category: 'responsibilities' },
  { label: 'Talked about work stress', polarity: 'neutral', category: 'other' },
  { label: 'Geld ohne Absprache ausgegeben', polarity: 'imbalance', category: 'money' },
  { label: 'Nos turnamos para hablar', polarity: 'healthy', category: 'communication' },
];
