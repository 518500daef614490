#!/usr/bin/env python3
"""Rebuilds the CSV fixtures in this folder from the real S&P 500 sample.

Every price comes from resources/sample/sp500-2000.csv (Yahoo Finance ^GSPC data); this script
only reshapes January 2020 (plus 2019-12-30/31) into the layouts the parser must read.
Run from the repository root: python3 tests/data/csv/make_fixtures.py
"""
from decimal import ROUND_HALF_UP, Decimal
import random

SAMPLE = "resources/sample/sp500-2000.csv"
OUT = "tests/data/csv/"

with open(SAMPLE, encoding="utf-8") as f:
    rows = [line.split(",") for line in f.read().splitlines()[1:]]
window = [r for r in rows if "2019-12-30" <= r[0] <= "2020-01-31"]

# Yahoo: exact header; holidays appear as all-null rows, as Yahoo writes them.
yahoo = []
for r in window:
    if r[0] == "2020-01-02":
        yahoo.append("2020-01-01,null,null,null,null,null,null")
    if r[0] == "2020-01-21":
        yahoo.append("2020-01-20,null,null,null,null,null,null")
    yahoo.append(",".join(r))
with open(OUT + "yahoo_gspc_2020-01.csv", "w", newline="") as f:
    f.write("Date,Open,High,Low,Close,Adj Close,Volume\n" + "\n".join(yahoo) + "\n")


# Stooq: exact header, prices rounded to cents as Stooq publishes them, no adjusted close.
def cents(text):
    return str(Decimal(text).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


with open(OUT + "stooq_gspc_2020-01.csv", "w", newline="") as f:
    f.write("Date,Open,High,Low,Close,Volume\n")
    for r in window:
        f.write(",".join([r[0]] + [cents(x) for x in r[1:5]] + [r[6]]) + "\n")

# Generic, European spreadsheet style: BOM, ';', CRLF, aliases, rows in shuffled order.
shuffled = list(window)
random.Random(2020).shuffle(shuffled)
with open(OUT + "generic_semicolon_bom_crlf.csv", "w", newline="", encoding="utf-8") as f:
    f.write("\ufeffdate;open;high;low;close;adj_close;vol\r\n")
    for r in shuffled:
        f.write(";".join(r) + "\r\n")

# Generic, tab-separated, no adjusted close, one quoted field and a trailing blank line.
with open(OUT + "generic_tab.tsv", "w", newline="") as f:
    f.write("Date\tOpen\tHigh\tLow\tClose\tVolume\n")
    for r in window:
        fields = r[:5] + [r[6]]
        if r[0] == "2020-01-02":
            fields[0] = '"' + fields[0] + '"'
        f.write("\t".join(fields) + "\n")
    f.write("\n")
