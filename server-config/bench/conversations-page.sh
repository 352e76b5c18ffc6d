#!/usr/bin/env bash
# The Conversations page's first render (also with a 1 000-message thread open) and the conversations API
# with many conversations and messages (see ConversationsPageBench.java).
# Usage: server-config/bench/conversations-page.sh [conversations=10000] [messages=200000] [rounds=20]
# Builds the reactor first unless WABOTS_SKIP_BUILD=1; MVN_FLAGS as in page-bench.sh.
exec "$(dirname "$0")/page-bench.sh" ConversationsPageBench "$@"
