export { renderMatrixTextMinutes, renderMatrixHtmlMinutes } from "./minutes.ts";
export { renderMatrixLogText, renderMatrixLogHtml } from "./log.ts";
export { escapeHtmlJinja } from "./escape.ts";
