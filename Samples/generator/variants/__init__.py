"""Layout variants of the sample issues: randomised layouts, several producers, degradations.

    layout.py              LayoutSpec / ScanSpec, sampled from a seed (the contract)
    printed.py             PrintedIssue: an issue text as one layout prints it (all producers)
    truth.py               the truth JSON of a variant
    reportlab_producer.py  typesets a PrintedIssue with reportlab
    html_producer.py       … with HTML/CSS and headless Chromium
    docx_producer.py       … with python-docx and LibreOffice
    degrade.py             scanned / broken / mixed degradations of a born-digital variant

The command line is Samples/generator/make_layout_variants.py.
"""

import sys
from pathlib import Path

# make_samples.py (the CJK typesetter, the markup parser, the expected-JSON rules) lives one
# directory up; the variant modules import it as a top-level module.
_GENERATOR = str(Path(__file__).resolve().parent.parent)
if _GENERATOR not in sys.path:
    sys.path.insert(0, _GENERATOR)
