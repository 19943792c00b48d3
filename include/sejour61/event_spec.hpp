// sejour61/event_spec.hpp — the event types of sejour61.case/1 as a person
// enters them: each type's fields, the flag that gives each field to
// `sejour61 record` (guided entry), and the French and Dutch words a
// caseworker may type for a type or a value (plainte/klacht for complaint).
//
// The parser (src/case.cpp) stays the one judge of an event: a guided entry
// builds the same event JSON as a file would hold and goes through the same
// validation. tests/unit/test_event_spec.cpp holds this table to the parser.
#pragma once

#include "sejour61/case.hpp"
#include "sejour61/messages.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sejour61 {

enum class FieldKind { choice, text, boolean, date };

/// A value of a choice and the words that also mean it (normalised: see normalise_word).
struct ValueSpec {
    const char* value;
    std::vector<const char*> aliases;
};

struct FieldSpec {
    const char* name;  ///< the key in the event ("by", "proceedings_ongoing")
    const char* flag;  ///< the option of `record` ("--authority", "--proceedings-ongoing")
    FieldKind kind;
    bool required;
    std::vector<ValueSpec> values;  ///< choice only
    const char* default_value;      ///< optional fields with a default ("true", "false"), else nullptr
};

struct EventSpec {
    EventType type;
    std::vector<const char*> aliases;
    std::vector<FieldSpec> fields;
};

/// Every event type, in the order of interfaces.md §1.
const std::vector<EventSpec>& event_specs();
const EventSpec& event_spec(EventType t);

/// A word as it is compared with the aliases: lowercase, without accents
/// (é → e, ç → c...), hyphens and spaces as underscores ("Coopération" →
/// "cooperation", "contact-centre" → "contact_centre").
std::string normalise_word(std::string_view word);

/// The word a reader of `lang` ("fr", "nl") types for an event type
/// ("cooperation" → « coopération ») or a value ("form.complaint" →
/// « plainte »): one the parser accepts; "" in English or when there is none.
std::string reader_word(const std::string& key, const std::string& lang);

/// The event types as a reader of `lang` types them, separated by commas
/// (English: the ids; French: « indices, contact-centre, coopération, … »).
std::string event_type_words(const std::string& lang);

/// The event type a word names (its id or an alias), if any.
std::optional<EventType> event_type_of_word(std::string_view word);

/// Whether `flag` ("--form") gives a field of some event type, or is --type or --date.
bool is_event_flag(const std::string& flag);

/// The event JSON of a guided entry: `flags` as given ("--type", "cooperation"),
/// ("--form", "plainte")..., in order. Types and values are read through
/// their aliases, yes/no through oui/non, ja/nee, true/false; dates and text as
/// given (the parser judges them). Throws InvalidEvent naming the flag, with a
/// message from `msg` (record.* ids).
nlohmann::json guided_event(const std::vector<std::pair<std::string, std::string>>& flags, const Messages& msg);

/// The flag that gives the field at a JSON path of an event ("event.by" →
/// "--authority", "event.date" → "--date"), or the path itself.
std::string flag_of_path(const std::string& path);

/// `sejour61 events [TYPE] --json`: {"format": "sejour61.events/1", "lang",
/// "types": [{"type", "name", "about", "aliases", "fields": [{"name", "flag",
/// "kind", "required", "default", "about", "values": [{"value", "aliases"}]}]}]}.
nlohmann::ordered_json events_json(const Messages& msg, std::optional<EventType> only);
/// The same for people, in the reader's language: the reader's words for
/// types and values first, the other words (English ids included) after.
std::string events_text(const Messages& msg, std::optional<EventType> only);
/// The event types and their flags, one line each, the type in the reader's
/// word ("  indices                   --date --authority" in French):
/// for the type list of `sejour61 record --help`.
std::string event_flags_text(const Messages& msg);

}  // namespace sejour61
