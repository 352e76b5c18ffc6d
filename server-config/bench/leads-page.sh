#!/usr/bin/env bash
# The Leads page's first render and the CSV and XLSX exports with many leads (see LeadsPageBench.java).
# Usage: server-config/bench/leads-page.sh [leads=50000] [rounds=20] [exports=5]
# Builds the reactor first unless WABOTS_SKIP_BUILD=1; MVN_FLAGS as in page-bench.sh.
exec "$(dirname "$0")/page-bench.sh" LeadsPageBench "$@"
