/**
 * Browser mode's quick exit leaves the journal for this page: blank, titled like an
 * empty browser tab, with no Fulcrum name, icon or text. The renderer first steps back to the first
 * history entry of its own page and replaces it with this one, so Back does not lead into the journal;
 * the small script here then drops the forward history (a new entry cuts it off) and clears this
 * tab's session storage, so Forward and reload do not lead back either (the page's session secret
 * lived only in its memory, and its launch link was single-use).
 */
export const NEUTRAL_PATH = '/new-tab';
export const NEUTRAL_SCRIPT_PATH = '/new-tab.js';

export const NEUTRAL_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>New Tab</title>
<script src="${NEUTRAL_SCRIPT_PATH}"></script>
</head>
<body></body>
</html>
`;

export const NEUTRAL_SCRIPT = `try { sessionStorage.clear(); } catch (e) {}
try { history.pushState(null, '', location.href); } catch (e) {}
`;
