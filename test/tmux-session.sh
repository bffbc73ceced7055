#!/usr/bin/env bash
# A quiz session as a student has it, in tmux (send-keys, capture-pane); run after `npm run build`:
#   bash test/tmux-session.sh                # at 60x20, the restart at 100x30
#   bash test/tmux-session.sh 60 20          # one size throughout
#   bash test/tmux-session.sh 60 20 100 30   # a size, then another for the restart
# Over the sample and two dev-set decks dated this week (as a student a few days into term):
#   - the start screen: both new articles get new cards on day one (--order round-robin,
#     --new-per-deck 8 of the day's 20: 7, 7 and 6), and the table fits the width;
#   - cards answered in every mode they come in (flip, typed; multiple choice when one comes) with single keys, no Enter
#     except after typed text; at each step the question and the answer stay on screen;
#   - a bury, undone with u (the log holds bury then unbury), and ? for the key map;
#   - Ctrl-C on the next card: the end screen (session saved, the answers counted), exit 130
#     and exactly the answers given in the log;
#   - a restart in a resized terminal: the counts follow from the log, one more answer, q.
# Prints every screen it checks. No fixed pauses: every step waits for what the screen must show
# (a key is sent only once the screen it answers is drawn), so a busy machine makes it slower, not flaky.
set -euo pipefail
export LC_ALL=C.UTF-8 # ${#line} counts characters, not bytes
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "tmux is needed: apt-get install -y tmux" >&2; exit 2; }
[ -f dist/src/cli/bin.js ] || { echo "build first: npm run build" >&2; exit 2; }

cols=${1:-60} rows=${2:-20}
if [ $# -eq 2 ]; then restart_cols=$cols restart_rows=$rows; else restart_cols=${3:-100} restart_rows=${4:-30}; fi
size="$cols x $rows" first_size="$cols x $rows"

work=$(mktemp -d)
decks="$work/decks"
progress="$work/progress.jsonl"
session="newsdeck-$$"
# A tmux server of its own (-L), without the user's configuration (-f): nothing outside this
# script can end it, and ending a session cannot race with starting the next one on a shared server.
tm() { tmux -L "newsdeck-test-$$" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

# The sample, and two dev-set articles dated after it (the dev-set files otherwise unchanged).
mkdir -p "$decks/articles"
cp decks/china-trump-russia-pivot.yaml decks/china-trump-russia-pivot.txt "$decks/"
for entry in maldives-carbon-neutral:2025-02-27 aretha-franklin-dies:2025-02-28; do
  slug=${entry%%:*} date=${entry##*:}
  sed "s/^  published: .*/  published: $date/" "test/fixtures/articles/$slug.yaml" > "$decks/$slug.yaml"
  cp "test/fixtures/articles/articles/$slug.txt" "$decks/articles/"
done

fail() { echo "FAIL ($size): $1" >&2; screen >&2; exit 1; }
screen() { tm capture-pane -p -t "$session" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'; }
show() { echo "──────── $size: $1 ────────"; screen; }
# Waits until the pane shows $1 (a fixed string), up to 30 s (the machine may be busy).
wait_for() {
  for _ in $(seq 600); do screen | grep -qF -- "$1" && return 0; sleep 0.05; done
  fail "timed out waiting for: $1"
}
keys() { tm send-keys -t "$session" "$@"; }
# Sends keys that move the quiz to another screen, and waits until it is drawn: the pane differs
# from the screen the keys answered, and shows a prompt again.
press() {
  local before; before=$(screen)
  keys "$@"
  for _ in $(seq 600); do
    local now; now=$(screen)
    [ "$now" != "$before" ] && grep -qF -- '? ' <<<"$now" && return 0
    sleep 0.05
  done
  fail "timed out waiting for the screen after: $*"
}
# No line of the pane was wrapped by the terminal (-J joins wrapped lines back: they would be wider than the pane).
fits() {
  local line
  while IFS= read -r line; do
    [ "${#line}" -le "$cols" ] || fail "a line is wider than $cols columns: $line"
  done < <(tm capture-pane -p -J -t "$session")
}

cards_json="$work/cards.json"
node dist/src/cli/bin.js preview "$decks" --json > "$cards_json"
# What the card on screen is: its question as asked (a cloze's sentence with its blank), by the longest match.
card_on_screen() { # field (answer | question) , screen text
  node -e '
    const cards = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).cards;
    const field = process.argv[2];
    const squash = (s) => s.replace(/\s+/g, "");
    const screen = squash(process.argv[3]);
    const asked = (c) => c.kind === "cloze" && !/\[(…|\.\.\.)\]/.test(c.front) ? c.before + "[...]" + c.after : c.front;
    const found = cards.map((c) => [c, squash(asked(c)).slice(0, 50)]).filter(([, q]) => screen.includes(q)).sort((a, b) => b[1].length - a[1].length)[0];
    if (!found) { console.log("?"); process.exit(0); }
    const card = found[0];
    if (field === "question") { console.log(asked(card).slice(0, 30)); process.exit(0); }
    const options = [...process.argv[3].matchAll(/^\s*(\d)\) (.*)$/gm)].map((m) => m[2].trim());
    const i = options.indexOf(card.answer.text);
    console.log(i >= 0 ? String(i + 1) : card.answer.text);
  ' "$cards_json" "$1" "$2"
}
# The question (its first words, spaces squashed) is still on screen.
question_stays() { # question, step
  local squashed; squashed=$(screen | tr -d ' \n')
  [[ "$squashed" == *"$(tr -d ' \n' <<<"$1")"* ]] || fail "$2: the question scrolled away"
}

quiz_command="node dist/src/cli/bin.js quiz '$decks' --progress '$progress' --order round-robin --new-per-deck 8; echo \"[exit status \$?]\"; sleep 600"
start_quiz() {
  tm new-session -d -s "$session" -x "$cols" -y "$rows" "$quiz_command"
}
# The same command again in the same pane, after the terminal is resized to $1 x $2.
restart_quiz() {
  cols=$1 rows=$2 size="$1 x $2"
  tm resize-window -t "$session" -x "$cols" -y "$rows"
  tm respawn-pane -k -t "$session" "$quiz_command"
}

declare -A seen=()
answered=0
answer_one() {
  local s q; s=$(screen); q=$(card_on_screen question "$s")
  if grep -qF '? Enter: show the answer' <<<"$s"; then
    keys Enter; wait_for '? 1-4: grade'; show "$1: flip, its back"
    question_stays "$q" "$1"; grep -qF 'Answer:' <(screen) || fail "$1: no answer on the back"; fits
    press 3; seen[flip]=1
  elif grep -qF '? Type the answer' <<<"$s"; then
    keys -l "$(card_on_screen answer "$s")"; keys Enter; wait_for '? Enter: '; show "$1: typed, checked"
    question_stays "$q" "$1"; grep -qF 'You typed:' <(screen) || fail "$1: no check of the typed answer"; fits
    press Enter; seen[typed]=1
  else
    keys "$(card_on_screen answer "$s")"; wait_for '? Any key: next'; show "$1: choice, its back"
    question_stays "$q" "$1"; grep -qF '✓' <(screen) || fail "$1: the right option is not marked"; fits
    press Space; seen[choice]=1
  fi
  answered=$((answered + 1))
}

start_quiz
wait_for 'newsdeck quiz'
wait_for '? '
show "start"
fits
start=$(screen)
grep -qE 'Aretha Franklin dies aged 76 +42 +7 +0 +0$' <<<"$start" || fail "the newest article should get 7 new cards today"
grep -qE 'Maldives carbon-neutral plan +25 +7 +0 +0$' <<<"$start" || fail "the second new article should get 7 new cards today"
grep -qE "China and Trump's turn tow.* +40 +6 +0 +0$" <<<"$start" || fail "the sample should get the 6 left of the day's 20"

# Flip and typed come on the first day; multiple choice only where three options are fair, which in
# these decks is a card buried on day one beside its sibling, so a pick is answered when one comes
# (test/quiz/cli.test.ts drives all three modes over the sample through the same prompts).
while [ -z "${seen[flip]:-}" ] || [ -z "${seen[typed]:-}" ]; do
  [ "$answered" -lt 20 ] || fail "20 cards without both flip and typed"
  wait_for '? '
  show "card $((answered + 1))"
  fits
  answer_one "card $((answered + 1))"
done

# A command: a single key, or on a text prompt (a typed answer, a flip card) the key after a colon, and Enter.
command_key() {
  if grep -qF '? Enter: show the answer' <(screen) || grep -qF '? Type the answer' <(screen); then keys -l ":$1"; keys Enter; else keys "$1"; fi
}

# Bury the next card, then undo the bury: the same question is back.
wait_for '? '
before=$(card_on_screen question "$(screen)")
command_key b
wait_for 'Buried until tomorrow (u to undo).'
show "after b"
command_key u
wait_for 'Undone: no longer buried; here it is again.'
show "after u"
question_stays "$before" "undo of a bury"
tail -n 2 "$progress" | grep -q '"bury":true' || fail "no bury record in the log"
tail -n 1 "$progress" | grep -q '"unbury":true' || fail "no unbury record after the undo"

# ? shows the key map; then Ctrl-C on this card.
command_key '?'
wait_for 'Keys: 1-4 grade'
show "after ?"
keys C-c
wait_for '[exit status'
show "after Ctrl-C"
grep -qF '[exit status 130]' <(screen) || fail "expected exit status 130 after Ctrl-C"
# The end screen, as after q: the session is saved and its answers counted (-J: lines joined where the pane wrapped them).
grep -qF 'Session saved.' <(tm capture-pane -p -J -t "$session") || fail "no 'Session saved.' after Ctrl-C"
grep -qF "Answered $answered · correct 100%" <(tm capture-pane -p -J -t "$session") || fail "the end screen should count $answered answers, all right"
logged=$(grep -c '"grade"' "$progress" || true)
[ "$logged" -eq "$answered" ] || fail "expected $answered answers in the log, found $logged"

restart_quiz "$restart_cols" "$restart_rows"
wait_for 'newsdeck quiz'
wait_for '? '
show "restart"
fits
left=$(screen | awk '/^Deck/ { on = 1; next } on && NF >= 5 { n += $(NF - 2) } END { print n }')
[ "$left" -eq $((20 - answered)) ] || fail "expected $((20 - answered)) new cards left today after the restart, the table says $left"
answer_one "after the restart"
wait_for '? '
command_key q
wait_for '[exit status'
show "after q"
grep -qF '[exit status 0]' <(screen) || fail "expected exit status 0 after q"
logged=$(grep -c '"grade"' "$progress" || true)
[ "$logged" -eq "$answered" ] || fail "expected $answered answers after the restart, found $logged"
echo "OK ($first_size, the restart at $size): $((answered - 1)) answers in modes ${!seen[*]} with single keys, a bury undone, kept across Ctrl-C; the restart continued ($answered answers)"
