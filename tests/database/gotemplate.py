"""Renders the connection-string templates of the stacks' ExternalSecret the way External Secrets does.

External Secrets' template engine v2 is Go's text/template with Sprig's text functions (external-secrets
pkg/template/v2/template.go: tpl.New(k).Funcs(tplFuncs).Parse(val), tplFuncs = sprig.TxtFuncMap() minus env and
expandenv), executed over the secret's keys as strings. Only what our templates use is implemented, exactly: actions
``{{ .key | fn "arg" ... }}``, Go's built-in ``urlquery`` (text/template URLQueryEscaper -> net/url.QueryEscape) and
Sprig's ``replace`` (strings.Replace(src, old, new, -1)). Anything else is refused, so that a template change this
renderer does not know fails the tests instead of passing unchecked.
"""

import json
import re

_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def query_escape(text):
    """Go's net/url.QueryEscape: unreserved bytes stay, space becomes '+', every other byte %XX (upper-case hex)."""
    out = []
    for b in text.encode("utf-8"):
        if b in _UNRESERVED:
            out.append(chr(b))
        elif b == 0x20:
            out.append("+")
        else:
            out.append("%%%02X" % b)
    return "".join(out)


def _urlquery(*args):
    # text/template's evalArgs: one string argument is used as is (more would be fmt.Sprint-ed; ours never pass more).
    if len(args) != 1:
        raise ValueError("urlquery takes exactly one argument in these templates")
    return query_escape(args[0])


def _replace(old, new, src):
    return src.replace(old, new)


FUNCTIONS = {"urlquery": _urlquery, "replace": _replace}

_ACTION = re.compile(r"\{\{(.*?)\}\}", re.S)
_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|(\.[A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))')


def _tokens(command):
    pos, out = 0, []
    command = command.strip()
    while pos < len(command):
        m = _TOKEN.match(command, pos)
        if not m or m.end() == pos:
            raise ValueError(f"cannot read template command {command!r}")
        out.append(m.group(1) or m.group(2) or m.group(3))
        pos = m.end()
    return out


def _value(token, data):
    if token.startswith('"'):
        return json.loads(token)
    if token.startswith("."):
        key = token[1:]
        if key not in data:
            raise KeyError(f"the secret has no key {key!r}")
        return data[key]
    raise ValueError(f"{token!r} is not a value")


def _pipeline(text, data):
    result = None
    for i, command in enumerate(text.split("|")):
        tokens = _tokens(command)
        if i == 0:
            if len(tokens) != 1:
                raise ValueError(f"unsupported pipeline start {command!r}")
            result = _value(tokens[0], data)
            continue
        name, *args = tokens
        if name not in FUNCTIONS:
            raise ValueError(f"template function {name!r} is not implemented here (only {', '.join(FUNCTIONS)})")
        result = FUNCTIONS[name](*[_value(a, data) for a in args], result)
    return result


def render(template, data):
    """Executes the template over ``data`` (the secret's keys, values as strings, as External Secrets passes them)."""
    strings = {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}
    return _ACTION.sub(lambda m: _pipeline(m.group(1), strings), template)
