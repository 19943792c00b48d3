// sejour61/graph.hpp — the procedure's states and transitions, drawn from the
// state machine's own transition table (machine.hpp): one edge per row,
// labelled with its event, guard and rule id. Nothing is drawn by hand.
#pragma once

#include "sejour61/rules.hpp"

#include <string>

namespace sejour61 {

/// Graphviz DOT. With a rule set, the states name its documents and periods.
std::string graph_dot(const RuleSet* rs = nullptr);
/// Mermaid `stateDiagram-v2`.
std::string graph_mermaid(const RuleSet* rs = nullptr);

}  // namespace sejour61
