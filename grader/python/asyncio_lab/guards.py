"""The script guards of the learner's file, read from its source (nothing is executed)."""

import ast


def script_guards(path):
    """The file's top-level `if` statements that test __name__, with the string each compares it to.

    Lets a message say why a script guard never ran (`if __name__ == "main":`), and where the file ends,
    for a message about a guard that is missing. Read from the source: nothing is executed.
    """
    try:
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        tree = ast.parse(source)
    except Exception:  # the file could not be read or parsed: the import step reports why
        return {"guards": [], "lastLine": 0}
    lines = source.splitlines()
    guards = []
    for node in tree.body:
        if not isinstance(node, ast.If):
            continue
        names = [n for n in ast.walk(node.test) if isinstance(n, ast.Name) and n.id == "__name__"]
        if not names:
            continue
        compares = None
        test = node.test
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            sides = [test.left, test.comparators[0]]
            strings = [side.value for side in sides if isinstance(side, ast.Constant) and isinstance(side.value, str)]
            if strings:
                compares = {"op": type(test.ops[0]).__name__, "string": strings[0][:100]}
        code = lines[node.lineno - 1].strip()[:200] if node.lineno <= len(lines) else ""
        guards.append({"line": node.lineno, "code": code, "compares": compares})
    return {"guards": guards[:5], "lastLine": len(lines)}
