/**
 * The fixed parts of MeetBot's HTML files: the page skeleton (`writers.html_template`) and the
 * default style sheets it embeds (`css-minutes-default.css`, `css-log-default.css`), byte for byte
 * as the published files show them. Each style block ends with the newline before `</head>`.
 */

/** `<style>` block of the HTML minutes (`.html`). */
export const MINUTES_STYLE = `<style type="text/css">
/* This is for the .html in the HTML2 writer */
body {
    font-family: Helvetica, sans-serif;
    font-size:14px;
}
h1 {
    text-align: center;
}
a {
    color:navy;
    text-decoration: none;
    border-bottom:1px dotted navy;
}
a:hover {
    text-decoration:none;
    border-bottom: 0;
    color:#0000B9;
}
hr {
    border: 1px solid #ccc;
}
/* The (nick, time) item pairs, and other body text things. */
.details {
    font-size: 12px;
    font-weight:bold;
}
/* The 'AGREED:', 'IDEA', etc, prefix to lines. */
.itemtype {
    font-style: normal;    /* un-italics it */
    font-weight: bold;
}
/* Example: change single item types.  Capitalized command name.
/* .TOPIC  {  color:navy;  } */
/* .AGREED {  color:lime;  } */

</style>
`;

/** `<style>` block of the HTML log (`.log.html`). */
export const LOG_STYLE = `<style type="text/css">
/* For the .log.html */
pre { /*line-height: 125%;*/
      white-space: pre-wrap; }
body { background: #f0f0f0; }

body .tm  { color: #007020 }                      /* time */
body .nk  { color: #062873; font-weight: bold }   /* nick, regular */
body .nka { color: #007020; font-weight: bold }  /* action nick */
body .ac  { color: #00A000 }                      /* action line */
body .hi  { color: #4070a0 }                 /* hilights */
/* Things to make particular MeetBot commands stick out */
body .topic     { color: #007020; font-weight: bold }
body .topicline { color: #000080; font-weight: bold }
body .cmd       { color: #007020; font-weight: bold }
body .cmdline  { font-weight: bold }

</style>
`;

/** MeetBot's `html_template`, split around the title, the head extras and the body. */
export function htmlPage(title: string, headExtra: string, body: string): string {
  return [
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html>\n<head>\n',
    '<meta http-equiv="Content-type" content="text/html;charset=UTF-8">\n<title>',
    title,
    "</title>\n",
    headExtra,
    "</head>\n\n<body>\n",
    body,
    "\n</body></html>\n",
  ].join("");
}
