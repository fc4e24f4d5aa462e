"""Adds up the TRX files under a folder (plus extra checks passed/failed given as arguments) and prints
'N passed, N failed, N skipped'. Exits non-zero when anything failed or when no test ran at all."""
import glob
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
failed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
skipped = 0
for path in glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", NS)
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += sum(int(counters.get(k, 0)) for k in ("failed", "error", "timeout", "aborted"))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
