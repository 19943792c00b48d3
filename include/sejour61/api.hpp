// sejour61/api.hpp — one request, one document: the layer every face uses.
//
// The CLI, the C API and the Python module each turn their own arguments
// (argv, options_json, keyword arguments) into a Request, and print or
// return what answer() gives: the same document for the same request, in
// JSON (sejour61.status/1, .timeline/1, .explain/1, .next/1, .compare/1,
// .check/1, .validate/1), in text for people, or the HTML report. Errors are
// exceptions of the one error table (errors.hpp), which each face maps to its
// exit code, S61_* code or Python class.
#pragma once

#include "sejour61/calendar.hpp"
#include "sejour61/rules.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sejour61 {

struct Request {
    /// status, timeline, explain, next, compare, report, check, validate, contest
    std::string command;
    std::string case_text;                ///< sejour61.case/1
    Date on;                              ///< the query date (the faces default it to today in Brussels)
    std::optional<std::string> rules;     ///< a pinned regime (default: the one in force on each date)
    std::vector<std::string> reforms;     ///< overlays, "ID" or "ID@YYYY-MM-DD"
    std::vector<std::string> rule_sets;   ///< compare: the rule-set specs, at least two
    std::string lang = "en";              ///< a language of rules/i18n
    std::string event_text;               ///< check: the event `record` would add
    bool strict = false;                  ///< check: an event that changes nothing is refused
    Date today;                           ///< check: the day of recording (no event after it)
};

enum class Form { json, text };

/// The commands a Request may name.
const std::vector<std::string>& request_commands();

/// The answer to `r`: the JSON document as every face prints it (two-space
/// indent, no final newline), or the text for people in `r.lang`; report
/// gives HTML whatever the form. `in_force`, when given, is a Selection of
/// `book` with no pin and no reform, reused for requests that ask for neither.
std::string answer(const std::shared_ptr<const RuleBook>& book, const Request& r, Form form = Form::json,
                   const Selection* in_force = nullptr);

/// A query date given as text by argument `name` ("--on", "on_date", "on"):
/// CaseError naming the argument, and repeating the value only when it has
/// the shape of a date.
Date parse_on(const std::string& text, const std::string& name);

}  // namespace sejour61
