// sejour61/case_entry.hpp — a new case file as a caseworker opens it: the
// fields of sejour61.case/1 outside the events, each with the flag that gives
// it to `sejour61 init` (--birth-date, --nationality...) and the French and
// Dutch words a caseworker may type for a value (traite/mensenhandel).
//
// The parser (src/case.cpp) stays the one judge of a case: the skeleton is
// the JSON a file would hold and goes through the same validation; an error
// at a JSON path is named by the flag that gave it (flag_of_case_path).
#pragma once

#include "sejour61/event_spec.hpp"
#include "sejour61/messages.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace sejour61 {

/// A field of a new case: where it goes ("person.birth_date") and its flag.
struct CaseFieldSpec {
    const char* path;  ///< dotted path in sejour61.case/1
    const char* flag;  ///< the option of `init`
    FieldKind kind;    ///< text, date, choice, boolean (a switch: no value), or aggravating numbers (text)
    bool required;
    std::vector<ValueSpec> values;  ///< choice only
};

/// Every field `init` takes, in the order of interfaces.md §1.
const std::vector<CaseFieldSpec>& case_field_specs();

/// Whether `flag` gives a field of a new case.
bool is_case_flag(const std::string& flag);
/// Whether `flag` is a switch (no value follows it: --unaccompanied).
bool is_case_switch(const std::string& flag);

/// The case document of `init`: {"format", "id", "person", "offence",
/// ["references"], ["notes"], "events": []} from the flags as given, in order.
/// Values are read through their aliases; dates and text as given, and the
/// whole is then judged by parse_case. Throws InvalidEvent naming the flag,
/// with a message from `msg` (init.* and record.* ids).
nlohmann::ordered_json case_skeleton(const std::vector<std::pair<std::string, std::string>>& flags, const Messages& msg);

/// The flag that gives the field at a JSON path of a case
/// ("person.birth_date" → "--birth-date"), or the path itself.
std::string flag_of_case_path(const std::string& path);

/// `init --help` text: the flags and their values, in the reader's language.
std::string case_fields_text(const Messages& msg);

}  // namespace sejour61
