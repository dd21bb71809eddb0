"""The thread as rich trees, fitted to the width of the screen: what `argmap tree` prints
(`argmap.render.terminal.tree`)."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from rich.tree import Tree

from argmap.look import SEPARATOR
from argmap.render import shapes
from argmap.render.richtext import laid_out, line, mark, relation, text
from argmap.render.shapes import NodeJSON
from argmap.render.words import two


class ThreadTree:
    """A `report.tree` as rich trees, fitted to the width it is given.

    Each level of a tree indents by 4 columns; where the claims under a node would be left
    fewer than `min_label` columns, they go to a tree of their own further down, headed by
    that node (`↓ continued below` marks the place), so deep threads stay readable on
    narrow screens.
    """

    GUIDE = 4  # the width of one level of rich's tree guides

    def __init__(self, data: shapes.TreeJSON, min_label: int = 24) -> None:
        self.data = data
        self.min_label = min_label

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        deepest = max(1, (options.max_width - self.min_label) // self.GUIDE)
        later: list[NodeJSON] = []
        top = Tree(text(self.data["title"], "bold"), guide_style="dim")
        self._grow(top, self.data["roots"], deepest, later)
        yield top
        for node in later:  # grows as it goes
            yield Text()
            head = line(
                "↓ ",
                mark(node["status"]),
                " ",
                two(node["strength"]),
                " · ",
                text(node["id"], "bold"),
            )
            if node["by"] is not None:
                head.append_text(line(f" {SEPARATOR} ", node["by"]))
            head.append_text(line(" (continued)"))
            sub = Tree(head, guide_style="dim")
            self._grow(sub, node["children"], deepest, later)
            yield sub

    @staticmethod
    def _grow(top: Tree, nodes: list[NodeJSON], deepest: int, later: list[NodeJSON]) -> None:
        todo = [(top, node, 1) for node in nodes]
        for parent, node, depth in todo:  # grows as it goes: breadth first keeps siblings in order
            branch = parent.add(laid_out(_node_label(node)))
            if not node["children"]:
                continue
            if depth < deepest:
                todo.extend((branch, child, depth + 1) for child in node["children"])
            else:
                branch.add(text("↓ continued below", "dim"))
                later.append(node)


def _node_label(node: NodeJSON) -> Text:
    """`[rebuts] ✘ defeated 0.25 · id · speaker`, then the text; the relation, the status and
    the strength come first, so they line up under each other and never wrap apart. A
    reference (`↪ see id`) has neither strength nor text: the claim is shown in full elsewhere."""
    out = Text()
    if node["relation"] is not None:
        out.append_text(line(relation(node["relation"]), " "))
    out.append_text(mark(node["status"]))
    if not node["ref"]:
        out.append_text(line(" ", two(node["strength"])))
    if node["ref"]:
        out.append_text(line(" · ↪ see ", text(node["id"], "bold")))
        return out
    out.append_text(line(f" {SEPARATOR} ", text(node["id"], "bold")))
    if node["by"] is not None:
        out.append_text(line(f" {SEPARATOR} ", node["by"]))
    if node["cycle"]:
        out.append_text(line(f" {SEPARATOR} ", text("↻ in a cycle", "magenta")))
    out.append_text(line("\n", node["text"]))
    return out
