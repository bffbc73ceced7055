#!/usr/bin/env bash
# A quiz session as a person would have it, in tmux: run by hand after `npm run build`:
#   bash test/tmux-session.sh
# Starts a quiz on the sample deck with an empty progress file, answers five
# cards (flip, multiple choice and typed), presses Ctrl-C in the middle of the
# sixth, checks that the log holds exactly five answers, then restarts and
# checks the due counts and that the session continues. Prints every screen.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "tmux is needed: apt-get install -y tmux" >&2; exit 2; }
[ -f dist/src/cli/bin.js ] || { echo "build first: npm run build" >&2; exit 2; }

work=$(mktemp -d)
progress="$work/progress.jsonl"
: > "$progress"
session="newsdeck-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT

screen() { tmux capture-pane -p -t "$session" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'; }
show() { echo "──────── $1 ────────"; screen; }
# Waits until the pane shows $1 (a fixed string), up to 10 s.
wait_for() {
  for _ in $(seq 100); do screen | grep -qF -- "$1" && return 0; sleep 0.1; done
  echo "timed out waiting for: $1" >&2; screen >&2; exit 1
}
keys() { tmux send-keys -t "$session" "$@"; sleep 0.3; }

# Answers the card on screen right, whatever its mode (the answers come from `preview --json`).
answers_json="$work/cards.json"
node dist/src/cli/bin.js preview decks --json > "$answers_json"
answer_of() { # the question text on screen -> the answer (or the option number for choice)
  node -e '
    const cards = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).cards;
    const screen = process.argv[2];
    const card = cards.find((c) => screen.replace(/\s+/g, "").includes(c.front.replace(/\s+/g, "").slice(0, 60)));
    if (!card) { console.log("?"); process.exit(0); }
    const options = [...screen.matchAll(/^\S*\s*(\d)\) (.*)$/gm)].map((m) => m[2].trim());
    const i = options.indexOf(card.answer.text);
    console.log(i >= 0 ? String(i + 1) : card.answer.text);
  ' "$answers_json" "$1"
}

start_quiz() {
  tmux new-session -d -s "$session" -x 100 -y 30 \
    "node dist/src/cli/bin.js quiz decks --progress '$progress'; echo \"[exit status \$?]\"; sleep 600"
}

answer_one() {
  local s; s=$(screen)
  if grep -qF '? Enter to show the answer' <<<"$s"; then
    keys Enter; wait_for '? Grade'; show "$1: flip, revealed"; keys 3; keys Enter
  elif grep -qF '? Your answer (u undo' <<<"$s"; then
    keys -l "$(answer_of "$s")"; keys Enter; wait_for '? Grade'; show "$1: typed, checked"; keys Enter
  else
    local n; n=$(answer_of "$s"); keys "$n"; keys Enter
  fi
}

start_quiz
wait_for 'newsdeck quiz'
wait_for '? '
show "start"
for i in 1 2 3 4 5; do
  wait_for '? '
  show "card $i"
  answer_one "card $i"
done
wait_for '? '
show "card 6 (before Ctrl-C)"
keys C-c
wait_for '[exit status'
show "after Ctrl-C"

answers=$(grep -c '"grade"' "$progress" || true)
echo "log: $answers answers"; cat "$progress"
[ "$answers" -eq 5 ] || { echo "FAIL: expected 5 answers in the log" >&2; exit 1; }
grep -qF '[exit status 130]' <(screen) || { echo "FAIL: expected exit status 130 after Ctrl-C" >&2; exit 1; }

tmux kill-session -t "$session"
start_quiz
wait_for 'newsdeck quiz'
wait_for '? '
show "restart"
screen | grep -qE 'Russia +[0-9]+ +15 +[0-9]+ +0' || { echo "FAIL: expected 15 new cards left today after the restart" >&2; exit 1; }
answer_one "card 7"
wait_for '? '
show "after one more answer"
keys q; keys Enter
wait_for '[exit status'
show "after q"
answers=$(grep -c '"grade"' "$progress" || true)
[ "$answers" -eq 6 ] || { echo "FAIL: expected 6 answers after the restart" >&2; exit 1; }
echo "OK: 5 answers kept across Ctrl-C, restart continued (6 answers)"
