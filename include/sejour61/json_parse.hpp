// sejour61/json_parse.hpp — the parsers' JSON layer: strict JSON text to a
// DOM, and one event from its DOM. Only parsers and views include it (and so
// nlohmann/json); the domain types (case, rules, engine) carry no JSON.
#pragma once

#include "sejour61/case.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace sejour61 {

/// Parses one event (as accepted in a case file's events array). Throws CaseError
/// with paths prefixed by `path`.
Event parse_event(const nlohmann::json& j, const std::string& path);
/// "a string", "an integer", ... for error messages (never the value itself).
const char* json_type_name(const nlohmann::json& v);

/// The two roads of parse_case (exposed for the tests that hold them to
/// each other): the fast one (src/flat_json.hpp) gives the case, or nothing
/// when the text is not plain or not valid; the full one parses a DOM and
/// gives the case or the error.
std::optional<Case> parse_case_fast(std::string_view text);
Case parse_case_full(const std::string& text);

/// Parses JSON text strictly (depth limit, duplicated keys rejected).
nlohmann::json parse_json_strict(const std::string& text);

}  // namespace sejour61
