/**
 * The CSS shared by every newsdeck note type.
 *
 * Anki puts `.card` on the body of every card and adds `.nightMode` (desktop,
 * AnkiMobile) or `.night_mode` (AnkiDroid, older desktop) in night mode, so
 * colours are CSS variables that those classes override. Changing this text
 * changes the note types' hash and so bumps their `mod` in the next build.
 */
export const NOTE_TYPE_CSS = `.card {
  --nd-fg: #1d1f23;
  --nd-muted: #5f6670;
  --nd-accent: #2357b5;
  --nd-rule: #d7dbe0;
  --nd-quote-bg: #f3f5f8;
  --nd-cloze: #2357b5;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.45;
  text-align: left;
  color: var(--nd-fg);
  background-color: #ffffff;
  margin: 0;
  padding: 0;
}
.card.nightMode, .nightMode .card, .card.night_mode, .night_mode .card {
  --nd-fg: #e6e8eb;
  --nd-muted: #a0a8b3;
  --nd-accent: #8ab4ff;
  --nd-rule: #3a3f47;
  --nd-quote-bg: #262a30;
  --nd-cloze: #8ab4ff;
  color: var(--nd-fg);
  background-color: #1e2126;
}
.nd {
  max-width: 38em;
  margin: 0 auto;
  padding: 1.2em 1em;
}
.nd-story {
  font-size: 0.7em;
  letter-spacing: 0.02em;
  text-transform: uppercase;
  color: var(--nd-muted);
  margin-bottom: 0.9em;
}
.nd-question, .nd-cloze {
  font-size: 1.1em;
  font-weight: 600;
}
.cloze {
  font-weight: 700;
  color: var(--nd-cloze);
}
hr#answer {
  border: none;
  border-top: 1px solid var(--nd-rule);
  margin: 1.1em 0;
}
.nd-answer {
  font-size: 1.1em;
  font-weight: 600;
  color: var(--nd-accent);
}
.nd-extra {
  margin-top: 0.7em;
  font-size: 0.9em;
}
.nd-sentence {
  margin: 1em 0 0;
  padding: 0.6em 0.8em;
  border-left: 3px solid var(--nd-rule);
  background-color: var(--nd-quote-bg);
  font-size: 0.85em;
  font-style: italic;
}
.nd-sentence b {
  font-style: normal;
}
.nd-source {
  margin-top: 0.6em;
  font-size: 0.75em;
  color: var(--nd-muted);
}
.nd-source a {
  color: var(--nd-muted);
}
@media (max-width: 480px) {
  .card { font-size: 18px; }
  .nd { padding: 0.9em 0.7em; }
}
`;
