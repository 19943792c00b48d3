// The init command of the CLI (src/cli/main.cpp parses the line and calls it).
#pragma once

#include "sejour61/messages.hpp"

#include <string>
#include <utility>
#include <vector>

namespace sejour61::cli {

/// `init CASE [flags]`: creates the case file; the text (or, with --json, the
/// case document written). Throws UsageError, CaseError naming the flag, IoError.
std::string init_command(const std::vector<std::string>& positional,
                         const std::vector<std::pair<std::string, std::string>>& fields, bool json, const Messages& msg);

/// `init --help`, in the reader's language.
std::string init_help(const Messages& msg);

}  // namespace sejour61::cli
