// The record, events and history commands of the CLI (src/cli/main.cpp
// parses the line and calls them).
#pragma once

#include "sejour61/event_spec.hpp"
#include "sejour61/journal.hpp"
#include "sejour61/record.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sejour61::cli {

/// The options only `record` takes: the flags of a guided entry (in order),
/// --amend N, --undo, --by NAME.
struct RecordFlags {
    std::vector<std::pair<std::string, std::string>> fields;
    std::optional<std::string> amend;
    bool undo = false;
    std::optional<std::string> by;
    bool any() const { return !fields.empty() || amend || undo || by; }
    std::string first() const;  ///< the first of them given, for "goes with record" errors
};

/// Takes args[i] when it is a record option (and its value, advancing i);
/// false when it is not one. Throws UsageError for a missing value.
bool take_record_flag(const std::vector<std::string>& args, std::size_t& i, RecordFlags& f);

/// `record CASE [EVENT.json | flags] [--amend N | --undo] [--by NAME]`: the change made.
/// Throws UsageError (a wrong combination), InvalidEvent naming the flag, and what apply_change throws.
RecordResult record_command(const std::vector<std::string>& positional, const RecordFlags& f, const Selection& sel,
                            RecordOptions options, const Messages& msg);

/// `record --help`, in the reader's language.
std::string record_help(const Messages& msg);

/// `events [TYPE]`: the document or the text.
std::string events_command(const std::vector<std::string>& positional, bool json, const Messages& msg);

/// `history CASE`: the document or the text.
std::string history_command(const std::vector<std::string>& positional, bool json, const Messages& msg);

}  // namespace sejour61::cli
