// sejour61/views.hpp — the documents the CLI, the C API and Python return.
//
// One outcome (engine.hpp), several views: `sejour61.status/1`,
// `sejour61.timeline/1` and `sejour61.explain/1` as JSON (interfaces.md §3),
// and the same as text a caseworker reads at a glance.
#pragma once

#include "sejour61/engine.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace sejour61 {

// `lang` chooses the catalogue for the messages in the documents (default English).
/// A parameter's value as JSON (null, true/false, a number, a text).
nlohmann::ordered_json value_json(const ParamValue& v);
/// A document as text (2-space indent): never fails on invalid UTF-8 in a
/// value (an echoed path or argument): invalid bytes become U+FFFD.
std::string dump_doc(const nlohmann::ordered_json& doc);
/// Adds what produced a document: "engine" (the library's version) and
/// "rules" (the digest of the rule files, RuleBook::digest).
void stamp(nlohmann::ordered_json& doc, const RuleBook& book);
nlohmann::ordered_json status_json(const Outcome& o, const RuleBook& book, const std::string& lang = "en");
/// The warnings of an outcome: [{"rule", "message", "date", "basis"}].
nlohmann::ordered_json warnings_json(const Outcome& o, const RuleBook& book, const std::string& lang = "en");
nlohmann::ordered_json timeline_json(const Outcome& o, const RuleBook& book);
/// The same documents as JSON text (dump_doc of the above, byte for byte),
/// written directly without building them.
std::string status_document(const Outcome& o, const RuleBook& book, const std::string& lang = "en");
std::string timeline_document(const Outcome& o, const RuleBook& book);
nlohmann::ordered_json explain_json(const Outcome& o, const RuleBook& book, const std::string& lang = "en");
/// `sejour61 validate`: {"format": "sejour61.validate/1", "case", "valid", "events", "out_of_order"}.
nlohmann::ordered_json validate_json(const Case& c);
/// The parameters set on the command line (Selection::settings: one per key).
using Settings = std::vector<std::pair<std::string, Param>>;
/// `sejour61 rules`: regimes and reforms with their dates and parameters;
/// "settings" (additive) when parameters are set (--set).
nlohmann::ordered_json rules_json(const RuleBook& book, const Settings& settings = {});
/// An error document `sejour61.error/1`.
nlohmann::ordered_json error_json(const std::string& code, const std::string& message, const std::string& path);

class Messages;
std::string status_text(const Outcome& o, const RuleBook& book, const Messages& msg);
std::string timeline_text(const Outcome& o, const RuleBook& book, const Messages& msg);
std::string explain_text(const Outcome& o, const RuleBook& book, const Messages& msg);
/// "be-2017 + réforme « séjour sans coopération »": the regime id, then each
/// reform by its catalogue name ("reform.<id>"; the id when it has none, and
/// for a "set:KEY" setting). Text headers only: JSON keeps the ids.
std::string regime_label(const std::string& regime, const std::vector<std::string>& reforms, const Messages& msg);
/// `sejour61 rules` as text, in the catalogue's language (ids, keys and values as they are).
/// Parameters set with --set follow the rule files.
std::string rules_text(const RuleBook& book, const Messages& msg, const Settings& settings = {});

/// Human name of a document id ("ai" → "attestation d'immatriculation (model A)").
const char* document_title(const std::string& id);

/// The characters of a UTF-8 text (not its bytes).
size_t utf8_chars(const std::string& s);
/// `s` padded with spaces to `width` characters (UTF-8: characters, not bytes).
std::string pad_right(std::string s, size_t width);
/// The text tables of the views (status deadlines, timeline, compare): each
/// line is `indent` then the row's cells; every column but the last is as wide
/// as its longest cell plus two spaces, and at least `min_widths[k]` (missing:
/// 0); no trailing spaces. One line per row, each ending in "\n".
std::string text_columns(const std::vector<std::vector<std::string>>& rows, const std::vector<size_t>& min_widths,
                         const std::string& indent);

}  // namespace sejour61
