"""postbuild/stack_tables.py: wide plain tables get column labels on their cells; other tables are left alone."""
from __future__ import annotations

from postbuild import stack_tables as stack

WIDE = """<table>
<thead>
<tr>
<th>序号</th>
<th>具体措施</th>
<th style="text-align: right;">完成<br>时限 &amp; “期”</th>
</tr>
</thead>
<tbody>
<tr>
<td><a href="ledger/1/">1</a></td>
<td>严格落实产业政策</td>
<td style="text-align: right;">长期坚持</td>
</tr>
</tbody>
</table>"""


def test_wide_table_cells_carry_their_column_names():
    out = stack.stack_tables(f"<p>x</p>{WIDE}<p>y</p>")
    assert '<table role="table" data-stack>' in out
    assert '<td role="cell" data-label="序号"><a href="ledger/1/">1</a></td>' in out
    assert '<td role="cell" data-label="完成 时限 &amp; “期”" style="text-align: right;">长期坚持</td>' in out
    assert out.count('<tr role="row"') == 2 and out.count('role="rowgroup"') == 2 and out.count('role="columnheader"') == 3
    assert out.startswith("<p>x</p>") and out.endswith("<p>y</p>")


def test_narrow_classed_and_merged_tables_are_unchanged():
    narrow = WIDE.replace("<th>序号</th>\n", "").replace('<td><a href="ledger/1/">1</a></td>\n', "")
    classed = WIDE.replace("<table>", '<table class="matrix">')
    merged = WIDE.replace("<td>严格落实产业政策</td>", '<td colspan="2">严格落实产业政策</td>')
    headless = "<table><tr><td>1</td><td>2</td><td>3</td></tr></table>"
    for table in (narrow, classed, merged, headless):
        assert stack.stack_tables(table) == table
