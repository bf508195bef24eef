# ruff: noqa: E501
"""One case per rule of SCRIPT_FORMAT.md: every finding with its exact line and column."""

from __future__ import annotations

import pytest

from coach.script.check import check_text

# name -> (script text, every finding as "line:column: severity: message")
CASES: dict[str, tuple[str, list[str]]] = {
    "unknown top key": (
        "title: T\ntitel: x\nnodes:\n  a: {say: Hi, end: x}\n",
        [
            "2:1: error: 'titel' is not a known key; did you mean 'title'?",
        ],
    ),
    "unknown node key": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    choises: []\n    end: x\n",
        [
            "5:5: error: node 'a': 'choises' is not a known key; did you mean 'choices'?",
        ],
    ),
    "unknown key no suggestion": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    zzz: 1\n    end: x\n",
        [
            "5:5: error: node 'a': 'zzz' is not a known key; the keys here are 'say', 'tips', 'capture', 'choices', 'next', 'end', 'partner', 'seconds'",
        ],
    ),
    "duplicate key": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    say: Ho\n    end: x\n",
        [
            "5:5: error: node 'a': 'say' is given twice (first on line 4); keep only one",
        ],
    ),
    "duplicate node": (
        "title: T\nnodes:\n  a: {say: Hi, end: x}\n  a: {say: Ho, end: x}\n",
        [
            "4:3: error: node 'a' is given twice (first on line 3); rename or remove one",
        ],
    ),
    "missing title": (
        "nodes:\n  a: {say: Hi, end: x}\n",
        [
            "1:1: error: 'title' is missing; add it, e.g. 'title: Follow-up call'",
        ],
    ),
    "missing nodes": (
        "title: T\n",
        [
            "1:1: error: 'nodes' is missing; add 'nodes:' with the steps of the call under it",
        ],
    ),
    "empty nodes": (
        "title: T\nnodes: {}\n",
        [
            "2:8: error: 'nodes' has no nodes; a script needs at least one step",
        ],
    ),
    "nodes null": (
        "title: T\nnodes:\n",
        [
            "2:7: error: 'nodes' has no nodes; a script needs at least one step",
        ],
    ),
    "missing say": (
        "title: T\nnodes:\n  a:\n    end: x\n",
        [
            "3:3: error: node 'a': 'say' is missing; add it, e.g. 'say: Hello, this is Sam.'",
        ],
    ),
    "empty say": (
        "title: T\nnodes:\n  a:\n    say: ''\n    end: x\n",
        [
            "4:10: error: node 'a': 'say' is empty; write the text after 'say:'",
        ],
    ),
    "say list": (
        "title: T\nnodes:\n  a:\n    say: [x]\n    end: x\n",
        [
            "4:10: error: node 'a': 'say' must be text, not a list; text that starts with '{' or '[' must be put in quotes, e.g. say: \"{interviewer} is on the line\"",
        ],
    ),
    "say brace": (
        "title: T\nvariables: {who: Who}\nnodes:\n  a:\n    say: {who}\n    end: x\n",
        [
            "2:13: warning: variable 'who' is never used in a template or an 'if'; use it as {who} or remove it",
            "5:10: error: node 'a': 'say' must be text, not a mapping (key: value lines); text that starts with '{' or '[' must be put in quotes, e.g. say: \"{interviewer} is on the line\"",
        ],
    ),
    "empty node": (
        "title: T\nnodes:\n  a:\n",
        [
            "3:3: error: node 'a': the node is empty; give it 'say:' and one of 'choices:', 'next:' or 'end:'",
        ],
    ),
    "node list": (
        "title: T\nnodes:\n  a: [1]\n",
        [
            "3:6: error: node 'a': a node must be a mapping of 'key: value' lines, not a list",
        ],
    ),
    "bad node id": (
        "title: T\nnodes:\n  Call-Back: {say: Hi, end: x}\n",
        [
            "3:3: error: node id 'Call-Back' is not a valid id: use lowercase letters, digits and '_', starting with a letter (try 'call_back')",
        ],
    ),
    "return node id": (
        "title: T\nnodes:\n  a: {say: Hi, end: x}\n  return: {say: Hi, end: x}\n",
        [
            "4:3: error: 'return' cannot be a node id: 'next: return' means going back from a side flow; choose another id",
        ],
    ),
    "dangling next": (
        "title: T\nnodes:\n  pending:\n    say: Hi\n    next: pendng\n",
        [
            "5:11: error: node 'pending': next 'pendng' is not a node; did you mean 'pending'?",
        ],
    ),
    "dangling choice": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    choices:\n      - {label: X, next: zzzzzz}\n  b: {say: B, end: x}\n",
        [
            "6:26: error: node 'a', choice 1: next 'zzzzzz' is not a node; add a node 'zzzzzz' under 'nodes' or name an existing one",
        ],
    ),
    "choice to return": (
        "title: T\nanytime: [r]\nnodes:\n  s: {say: S, end: x}\n  r:\n    say: Hi\n    choices:\n      - {label: X, next: return}\n",
        [
            "8:26: error: node 'r', choice 1: a choice cannot go to 'return'; make it go to a node that has 'next: return'",
        ],
    ),
    "ten choices": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    choices:\n      - {label: C0, next: b}\n      - {label: C1, next: b}\n      - {label: C2, next: b}\n      - {label: C3, next: b}\n      - {label: C4, next: b}\n      - {label: C5, next: b}\n      - {label: C6, next: b}\n      - {label: C7, next: b}\n      - {label: C8, next: b}\n      - {label: C9, next: b}\n  b: {say: B, end: x}\n",
        [
            "15:9: error: node 'a': there are 10 choices; at most 9 fit on keys 1-9, split them over two steps",
        ],
    ),
    "empty choices": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    choices: []\n",
        [
            "5:14: error: node 'a': 'choices' is empty; give at least one choice, or use 'next:' or 'end:' instead",
        ],
    ),
    "no way on": (
        "title: T\nnodes:\n  a:\n    say: Hi\n",
        [
            "3:3: error: node 'a': the node has no way on: add 'choices:' to branch, 'next: <node id>' to continue, or 'end: <outcome>' to finish the call",
        ],
    ),
    # One typo, one message: the cause (the key meant), not "no way on" and the
    # reachability warnings that follow from it.
    "misspelt end": (
        "title: T\nnodes:\n  hello:\n    say: Hello\n    choices:\n"
        "      - {label: Bye, next: bye}\n  bye:\n    say: Bye\n    ends: pending\n",
        [
            "9:5: error: node 'bye': 'ends' is not a known key; did you mean 'end'?",
        ],
    ),
    "misspelt next": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    nxt: b\n  b: {say: B, end: x}\n",
        [
            "5:5: error: node 'a': 'nxt' is not a known key; did you mean 'next'?",
        ],
    ),
    "unknown key that is no way on": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    colour: red\n",
        [
            "3:3: error: node 'a': the node has no way on: add 'choices:' to branch, 'next: <node id>' to continue, or 'end: <outcome>' to finish the call",
            "5:5: error: node 'a': 'colour' is not a known key; the keys here are 'say', 'tips', 'capture', 'choices', 'next', 'end', 'partner', 'seconds'",
        ],
    ),
    "both next and end": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    next: b\n    end: x\n  b: {say: B, end: x}\n",
        [
            "6:5: error: node 'a': the node has both 'next' and 'end'; a node has exactly one of 'choices', 'next' and 'end'",
        ],
    ),
    "choice missing label": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    choices:\n      - next: b\n  b: {say: B, end: x}\n",
        [
            "6:9: error: node 'a', choice 1: 'label' is missing; add it, e.g. 'label: Still deciding'",
        ],
    ),
    "format 2": (
        "format: 2\ntitle: T\nnodes:\n  a: {say: Hi, end: x}\n",
        [
            "1:9: error: format 2 is not supported; this program reads format 1",
        ],
    ),
    "format quoted": (
        'format: "1"\ntitle: T\nnodes:\n  a: {say: Hi, end: x}\n',
        [
            "1:9: error: 'format' must be a whole number such as 1, not text in quotes; remove the quotes",
        ],
    ),
    "format float": (
        "format: 1.0\ntitle: T\nnodes:\n  a: {say: Hi, end: x}\n",
        [
            "1:9: error: 'format' must be a whole number such as 1, not '1.0'",
        ],
    ),
    "seconds zero": (
        "title: T\nnodes:\n  a: {say: Hi, end: x, seconds: 0}\n",
        [
            "3:33: error: node 'a': 'seconds' must be more than 0",
        ],
    ),
    "seconds text": (
        "title: T\nnodes:\n  a: {say: Hi, end: x, seconds: thirty}\n",
        [
            "3:33: error: node 'a': 'seconds' must be a whole number such as 90, not 'thirty'",
        ],
    ),
    "seconds quoted": (
        "title: T\nnodes:\n  a: {say: Hi, end: x, seconds: '30'}\n",
        [
            "3:33: error: node 'a': 'seconds' must be a whole number such as 90, not text in quotes; remove the quotes",
        ],
    ),
    "required yes": (
        "title: T\nvariables:\n  who: {prompt: Who, required: yes}\nnodes:\n  a: {say: '{who}', end: x}\n",
        [
            "3:32: error: variable 'who': 'required' must be true or false; write true instead of 'yes'",
        ],
    ),
    "required maybe": (
        "title: T\nvariables:\n  who: {prompt: Who, required: maybe}\nnodes:\n  a: {say: '{who}', end: x}\n",
        [
            "3:32: error: variable 'who': 'required' must be true or false, not 'maybe'",
        ],
    ),
    "bad outcome": (
        "title: T\nnodes:\n  a: {say: Hi, end: Pending!}\n",
        [
            "3:21: error: node 'a': the outcome 'Pending!' is not a valid id: use lowercase letters, digits and '_', starting with a letter (try 'pending')",
        ],
    ),
    "start missing node": (
        "title: T\nstart: helo\nnodes:\n  hello: {say: Hi, end: x}\n",
        [
            "2:8: error: start 'helo' is not a node; did you mean 'hello'?",
        ],
    ),
    "unknown template id": (
        "title: T\nvariables:\n  interviewer: Who\nnodes:\n  a:\n    say: Hello {interviewr}, hi {interviewer}\n    end: x\n",
        [
            "6:16: error: node 'a': 'say' uses {interviewr}, which is not a variable or a capture; did you mean 'interviewer'?",
        ],
    ),
    "unknown template quoted": (
        'title: T\nnodes:\n  a:\n    say: "Hi {who}"\n    end: x\n',
        [
            "4:14: error: node 'a': 'say' uses {who}, which is not a variable or a capture; add it under 'variables:' or write '{{who}}' for literal braces",
        ],
    ),
    "unknown template block": (
        "title: T\nnodes:\n  a:\n    say: >-\n      Hi\n      {who}\n    end: x\n",
        [
            "4:10: error: node 'a': 'say' uses {who}, which is not a variable or a capture; add it under 'variables:' or write '{{who}}' for literal braces",
        ],
    ),
    "template syntax": (
        "title: T\nnodes:\n  a:\n    say: Hi {Who}\n    end: x\n",
        [
            "4:13: error: node 'a': 'say': '{Who}' is not a field reference: use {id} with a lowercase id, or '{{' for a literal brace",
        ],
    ),
    "template unclosed": (
        "title: T\nnodes:\n  a:\n    say: Hi } there\n    end: x\n",
        [
            "4:13: error: node 'a': 'say': '}' has no matching '{'; write '}}' for a literal brace",
        ],
    ),
    "template in label tips partner answers brief capture": (
        "title: T\nanswers:\n  - {title: 'A {a1}', text: 'B {a2}'}\nnodes:\n  n:\n    say: Hi\n    tips: ['{t1}']\n    partner: '{p1}'\n    capture: [{id: c, prompt: '{c1}'}]\n    choices:\n      - {label: '{l1}', next: m}\n  m: {say: '{c}', end: x}\npractice:\n  scenarios:\n    - {id: s, title: S, brief: '{b1}'}\n",
        [
            "3:16: error: answer 1: 'title' uses {a1}, which is not a variable or a capture; add it under 'variables:' or write '{{a1}}' for literal braces",
            "3:32: error: answer 1: 'text' uses {a2}, which is not a variable or a capture; add it under 'variables:' or write '{{a2}}' for literal braces",
            "7:13: error: node 'n': 'tips' uses {t1}, which is not a variable or a capture; add it under 'variables:' or write '{{t1}}' for literal braces",
            "8:15: error: node 'n': 'partner' uses {p1}, which is not a variable or a capture; add it under 'variables:' or write '{{p1}}' for literal braces",
            "9:32: error: node 'n', capture 1: 'prompt' uses {c1}, which is not a variable or a capture; did you mean 'c'?",
            "11:18: error: node 'n', choice 1: 'label' uses {l1}, which is not a variable or a capture; add it under 'variables:' or write '{{l1}}' for literal braces",
            "15:33: error: practice scenario 's': 'brief' uses {b1}, which is not a variable or a capture; add it under 'variables:' or write '{{b1}}' for literal braces",
        ],
    ),
    "if unknown": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    choices:\n      - {label: X, next: b, if: whoo}\n  b: {say: B, end: x}\n",
        [
            "6:33: error: node 'a', choice 1: 'if': 'whoo' is not a variable or a capture; name a variable or a capture id",
        ],
    ),
    "if known capture": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    capture: [{id: who, prompt: Who}]\n    choices:\n      - {label: X, next: b, if: who}\n  b: {say: B, end: x}\n",
        [],
    ),
    "capture missing id": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    capture:\n      - prompt: When\n    end: x\n",
        [
            "6:9: error: node 'a', capture 1: 'id' is missing; add it, e.g. 'id: decision_date'",
        ],
    ),
    "capture bad type": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    capture:\n      - {id: d, prompt: When, type: dat}\n    end: x\n",
        [
            "6:37: error: node 'a', capture 1: type 'dat' is not a field type; did you mean 'date'?",
        ],
    ),
    "capture twice same node": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    capture:\n      - {id: d, prompt: When}\n      - {id: d, prompt: When}\n    end: x\n",
        [
            "7:14: error: node 'a', capture 2: 'd' is captured twice in this node; keep one",
        ],
    ),
    "capture type clash": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    capture: [{id: d, prompt: When, type: date}]\n    next: b\n  b:\n    say: Ho\n    capture: [{id: d, prompt: When}]\n    end: x\n",
        [
            "9:20: error: node 'b', capture 1: 'd' is a date capture in node 'a' (line 5) but a text one here; give both the same type, or this one another id",
        ],
    ),
    "capture same id two nodes ok": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    capture: [{id: d, prompt: When, type: date}]\n    next: b\n  b:\n    say: Ho {d}\n    capture: [{id: d, prompt: When, type: date}]\n    end: x\n",
        [],
    ),
    "capture vs variable": (
        "title: T\nvariables:\n  d: When\nnodes:\n  a:\n    say: Hi {d}\n    capture: [{id: d, prompt: When}]\n    end: x\n",
        [
            "7:20: error: node 'a', capture 1: 'd' is already a variable (line 3); give the capture another id",
        ],
    ),
    "variable bad id": (
        "title: T\nvariables:\n  1st: First\nnodes:\n  a: {say: Hi, end: x}\n",
        [
            "3:3: error: variable id '1st' is not a valid id: use lowercase letters, digits and '_', starting with a letter (try 'st')",
        ],
    ),
    "variable missing prompt": (
        "title: T\nvariables:\n  who: {required: true}\nnodes:\n  a: {say: '{who}', end: x}\n",
        [
            "3:3: error: variable 'who': 'prompt' is missing; add it, e.g. 'prompt: Who interviewed you?'",
            "5:13: error: node 'a': 'say' uses {who}, which is not a variable or a capture; add it under 'variables:' or write '{{who}}' for literal braces",
        ],
    ),
    "variable bad type": (
        "title: T\nvariables:\n  who: {prompt: Who, type: email}\nnodes:\n  a: {say: '{who}', end: x}\n",
        [
            "3:28: error: variable 'who': type 'email' is not a field type; use text, date or multiline",
        ],
    ),
    "variables list": (
        "title: T\nvariables: [who]\nnodes:\n  a: {say: Hi, end: x}\n",
        [
            "2:12: error: 'variables' must be a mapping of 'key: value' lines, not a list",
        ],
    ),
    "unused variable": (
        "title: T\nvariables:\n  who: Who\nnodes:\n  a: {say: Hi, end: x}\n",
        [
            "3:3: warning: variable 'who' is never used in a template or an 'if'; use it as {who} or remove it",
        ],
    ),
    "checklist dup id": (
        "title: T\nchecklist:\n  - First\n  - {id: item_1, text: Second}\nnodes:\n  a: {say: Hi, end: x}\n",
        [
            "4:10: error: checklist item 2: the id 'item_1' is also the id of checklist item 1; give one of them another id",
        ],
    ),
    "checklist missing text": (
        "title: T\nchecklist:\n  - {id: q, required: true}\nnodes:\n  a: {say: Hi, end: x}\n",
        [
            "3:5: error: checklist item 1: 'text' is missing; add it, e.g. 'text: Your resume is in front of you'",
        ],
    ),
    "checklist mapping": (
        "title: T\nchecklist: {a: b}\nnodes:\n  a: {say: Hi, end: x}\n",
        [
            "2:12: error: 'checklist' must be a list (lines starting with '- '), not a mapping (key: value lines)",
        ],
    ),
    "anytime reserved key": (
        "title: T\nanytime:\n  - {node: r, key: a}\nnodes:\n  s: {say: S, end: x}\n  r: {say: R, next: return}\n",
        [
            "3:20: error: anytime entry 1: key 'a' is used by the call screen itself (a answers, b back, n notes, q quit); choose another letter",
            "6:3: error: node 'r': 'next: return' only works in a side flow; list the flow's first node under 'anytime:', or go on with 'next: <node id>'",
            "6:3: warning: node 'r' cannot be reached from start 's' or from a side flow; link to it from a choice or a 'next', or remove it",
        ],
    ),
    "anytime dup key": (
        "title: T\nanytime:\n  - {node: r, key: r}\n  - {node: t, key: r}\nnodes:\n  s: {say: S, end: x}\n  r: {say: R, next: return}\n  t: {say: T, next: return}\n",
        [
            "4:20: error: anytime entry 2: key 'r' is already the key of anytime entry 1; choose another letter",
            "8:3: error: node 't': 'next: return' only works in a side flow; list the flow's first node under 'anytime:', or go on with 'next: <node id>'",
            "8:3: warning: node 't' cannot be reached from start 's' or from a side flow; link to it from a choice or a 'next', or remove it",
        ],
    ),
    "anytime two letters": (
        "title: T\nanytime:\n  - {node: r, key: rr}\nnodes:\n  s: {say: S, end: x}\n  r: {say: R, next: return}\n",
        [
            "3:20: error: anytime entry 1: key 'rr' must be one lowercase letter, e.g. 'r'",
            "6:3: error: node 'r': 'next: return' only works in a side flow; list the flow's first node under 'anytime:', or go on with 'next: <node id>'",
            "6:3: warning: node 'r' cannot be reached from start 's' or from a side flow; link to it from a choice or a 'next', or remove it",
        ],
    ),
    "anytime no letter left": (
        "title: T\nanytime:\n  - {node: ab, key: b}\n  - ab\nnodes:\n  s: {say: S, end: x}\n  ab: {say: R, next: return}\n",
        [
            "3:21: error: anytime entry 1: key 'b' is used by the call screen itself (a answers, b back, n notes, q quit); choose another letter",
            "4:5: error: anytime entry 2: every letter of 'ab' is taken by the call screen or another side flow; give it a free one with {node: ab, key: <letter>}",
            "7:3: error: node 'ab': 'next: return' only works in a side flow; list the flow's first node under 'anytime:', or go on with 'next: <node id>'",
            "7:3: warning: node 'ab' cannot be reached from start 's' or from a side flow; link to it from a choice or a 'next', or remove it",
        ],
    ),
    "anytime unknown node": (
        "title: T\nanytime: [repeet]\nnodes:\n  s: {say: S, end: x}\n  repeat: {say: R, next: return}\n",
        [
            "2:11: error: anytime entry 1: node 'repeet' is not a node; did you mean 'repeat'?",
            "5:3: error: node 'repeat': 'next: return' only works in a side flow; list the flow's first node under 'anytime:', or go on with 'next: <node id>'",
            "5:3: warning: node 'repeat' cannot be reached from start 's' or from a side flow; link to it from a choice or a 'next', or remove it",
        ],
    ),
    "return outside side flow": (
        "title: T\nnodes:\n  s: {say: S, next: r}\n  r: {say: R, next: return}\n",
        [
            "4:3: error: node 'r': 'next: return' only works in a side flow; list the flow's first node under 'anytime:', or go on with 'next: <node id>'",
        ],
    ),
    "return also from start": (
        "title: T\nanytime: [r]\nnodes:\n  s: {say: S, next: r}\n  r: {say: R, next: return}\n",
        [
            "5:3: error: node 'r': 'next: return' is used, but this node is also reached from start 's', where there is nothing to return to",
        ],
    ),
    "unreachable": (
        "title: T\nnodes:\n  s: {say: S, end: x}\n  lost: {say: L, end: x}\n",
        [
            "4:3: warning: node 'lost' cannot be reached from start 's' or from a side flow; link to it from a choice or a 'next', or remove it",
        ],
    ),
    "dead end": (
        "title: T\nnodes:\n  s: {say: S, next: loop}\n  loop: {say: L, next: s}\n",
        [
            "3:3: warning: node 's': no 'end' can be reached from here, so the call could never finish; add a way to a node with 'end:'",
            "4:3: warning: node 'loop': no 'end' can be reached from here, so the call could never finish; add a way to a node with 'end:'",
        ],
    ),
    "side flow dead end": (
        "title: T\nanytime: [r]\nnodes:\n  s: {say: S, end: x}\n  r: {say: R, next: r2}\n  r2: {say: R, next: r}\n",
        [
            "5:3: warning: node 'r': this side flow never reaches 'next: return' or an 'end'; add a way back",
            "6:3: warning: node 'r2': this side flow never reaches 'next: return' or an 'end'; add a way back",
        ],
    ),
    "answers missing text": (
        "title: T\nanswers:\n  - {title: Salary}\nnodes:\n  a: {say: Hi, end: x}\n",
        [
            "3:5: error: answer 1: 'text' is missing; add it, e.g. 'text: Ask their range'",
        ],
    ),
    "practice unknown key": (
        "title: T\npractice:\n  scenarios: []\n  extra: 1\nnodes:\n  a: {say: Hi, end: x}\n",
        [
            "4:3: error: practice: 'extra' is not a known key; the keys here are 'scenarios'",
        ],
    ),
    "scenario expect": (
        "title: T\nnodes:\n  a:\n    say: Hi\n    choices:\n      - {label: X, next: b}\n  b: {say: B, end: x}\n  c: {say: C, end: x}\npractice:\n  scenarios:\n    - id: s\n      title: S\n      brief: B\n      expect: {a: c, b: a, helo: a}\n",
        [
            "8:3: warning: node 'c' cannot be reached from start 'a' or from a side flow; link to it from a choice or a 'next', or remove it",
            "14:19: error: practice scenario 's': expect: 'c' is not one of the choices of node 'a' (they go to b)",
            "14:22: error: practice scenario 's': expect: node 'b' has no choices, so there is nothing to expect there; name a node that has 'choices'",
            "14:28: error: practice scenario 's': expect: key 'helo' is not a node; add a node 'helo' under 'nodes' or name an existing one",
        ],
    ),
    "scenario dup id": (
        "title: T\nnodes:\n  a: {say: Hi, end: x}\npractice:\n  scenarios:\n    - {id: s, title: S, brief: B}\n    - {id: s, title: S, brief: B}\n",
        [
            "7:12: error: practice scenario 2: the id 's' is also the id of scenario 1; give one of them another id",
        ],
    ),
    "merge key": (
        "title: T\nnodes:\n  a:\n    <<: {say: Hi}\n    end: x\n",
        [
            "3:3: error: node 'a': 'say' is missing; add it, e.g. 'say: Hello, this is Sam.'",
            "4:5: error: node 'a': YAML merge keys ('<<') are not supported; write the keys out",
        ],
    ),
    "tags": (
        "title: !!str T\nnodes:\n  a: {say: !custom Hi, end: !!binary eA==}\n",
        [
            "3:3: warning: node 'a': no 'end' can be reached from here, so the call could never finish; add a way to a node with 'end:'",
            "3:12: error: the tag '!custom' is not allowed; scripts may only use !!str !!int !!float !!bool !!null !!seq !!map, and most need no tag at all",
            "3:29: error: the tag '!!binary' is not allowed; scripts may only use !!str !!int !!float !!bool !!null !!seq !!map, and most need no tag at all",
        ],
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_rule(case: tuple[str, list[str]]) -> None:
    text, expected = case
    found = [f"{f.line}:{f.column}: {f.severity}: {f.message}" for f in check_text(text, "s.yaml")]
    assert found == expected


def test_findings_name_the_file_as_given() -> None:
    (finding,) = check_text("title: T\ntitel: x\nnodes:\n  a: {say: Hi, end: x}\n", "my-call.yaml")
    assert finding.format() == (
        "my-call.yaml:2:1: error: 'titel' is not a known key; did you mean 'title'?"
    )
