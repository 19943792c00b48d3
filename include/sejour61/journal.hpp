// sejour61/journal.hpp — CASE.journal: every change `record` made to a case
// file, one JSON line per change, append-only (format sejour61.journal/1).
//
// A line: {"format": "sejour61.journal/1", "change": "add"|"amend"|"undo",
// "at": ISO 8601 timestamp, "by": who, "position_before": N|null,
// "position_after": M|null (positions in the events array, counted from 1),
// "before": the event before the change or null, "after": the event after it
// or null, "case_before"/"case_after": "sha256:..." of the whole case file}.
//
// The line is appended (O_APPEND, created 0600, never through a link) and
// fsync'ed before the case file is replaced: the journal is never behind the
// case. A writer killed between the two leaves a line whose change never
// reached the case: the hashes show it (`applied`: false). A line cut short
// by a crash is skipped by the reader and counted, and the next line starts
// on a line of its own.
#pragma once

#include "sejour61/messages.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace sejour61 {

/// The journal next to `case_path`: "<case_path>.journal".
std::string journal_path(const std::string& case_path);

/// Appends `line` (one JSON object) to the journal at `path` and fsyncs it
/// (and the directory when the journal is new). Throws IoError.
void journal_append(const std::string& path, const nlohmann::ordered_json& line);

struct JournalEntry {
    nlohmann::ordered_json line;  ///< as written
    /// Whether the change reached the case file: true when the next change
    /// (or the case file now) starts from its case_after, false when it starts
    /// from its case_before (the writer was stopped in between), null when the
    /// file was changed otherwise in between.
    std::optional<bool> applied;
};

struct Journal {
    std::vector<JournalEntry> entries;
    std::size_t torn = 0;  ///< lines that are not a journal line (cut short by a crash)
};

/// Reads the journal at `path` (none: an empty journal) against the case
/// file's current text. Throws IoError.
Journal read_journal(const std::string& path, const std::string& case_text);

/// The journal of the case file at `case_path` (a symbolic link: of the file it
/// points to, whose path is put in `*target`), read against the case file.
/// Throws CaseError (the case file cannot be read), IoError.
Journal read_history(const std::string& case_path, std::string* target);

/// `sejour61 history CASE --json`: {"format": "sejour61.history/1", "case": path,
/// "journal": path, "changes": [{"n", "change", "at", "by", "position_before",
/// "position_after", "before", "after", "applied"}], "torn_lines": n}.
nlohmann::ordered_json history_json(const Journal& j, const std::string& case_path);
/// The same for people, in the reader's language.
std::string history_text(const Journal& j, const std::string& case_path, const Messages& msg);

}  // namespace sejour61
