// sejour61/case.hpp — case files (format sejour61.case/1, interfaces.md §1).
//
// A case is a list of dated facts about one person. Parsing is strict:
// unknown fields, unknown event types, impossible dates, duplicated keys and
// missing required fields are errors that name the JSON path. Nothing is
// guessed. Error messages name the path and the problem; they echo a value
// only when it is a date or a code of the contract (never free text).
#pragma once

#include "sejour61/calendar.hpp"
#include "sejour61/said.hpp"


#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sejour61 {

/// An invalid case file or event. `path()` is the JSON path ("events[3].date"),
/// empty for a problem of the whole document.
class CaseError : public SaidError {
public:
    CaseError(std::string path, const std::string& problem) : CaseError(std::move(path), Said{problem, {}, {}}) {}
    /// The problem said in the reader's language (said(): the problem, without the path).
    CaseError(std::string path, Said problem)
        : SaidError(path.empty() ? problem.english() : path + ": " + problem.english(), std::move(problem)),
          path_(std::move(path)) {}
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

enum class EventType {
    indications,
    centre_contact,
    cooperation,
    prosecutor_opinion,
    identity_established,
    withdrawal_ground,
    proceedings_ended,
    requisitions,
    conviction,
    indefinite_decision,
    document_issued,
    left_procedure,
    labour_auditor_finding,
    labour_proceedings,
};
const char* event_type_name(EventType t);
std::optional<EventType> event_type_from(const std::string& name);

struct Event {
    Date date;
    EventType type = EventType::indications;
    size_t index = 0;  ///< position in the file's events array

    std::string by;        ///< indications: police|inspection; prosecutor_opinion: prosecutor|labour_auditor
    std::string centre;    ///< centre_contact
    std::string form;      ///< cooperation: complaint|statement
    std::string ground;    ///< withdrawal_ground
    std::string outcome;   ///< proceedings_ended
    std::string reason;    ///< left_procedure
    std::string document;  ///< document_issued
    std::string status;    ///< labour_proceedings: pending|judgment
    bool victim = false, proceedings_ongoing = false, cooperating = false;
    bool qualification_clear = true;  ///< prosecutor_opinion
    bool teh_charge = false;          ///< requisitions
    bool final_conviction = false;    ///< conviction.final
    bool granted = false;             ///< indefinite_decision
    bool teh = false;                 ///< labour_auditor_finding
    bool favourable = false;          ///< labour_proceedings with judgment
    std::optional<Date> expires;      ///< document_issued
    /// "recorded": {"at", "by"} (optional, additive): when and by whom `record`
    /// wrote the event; both empty when the event carries no stamp.
    std::string recorded_at, recorded_by;
};

struct Person {
    Date birth_date;
    std::string nationality;  ///< ISO 3166-1 alpha-2, aliases EL/UK normalised to GR/GB
    bool unaccompanied = false;
    bool employer_immunity = false;
};

struct Offence {
    bool smuggling = false;
    std::vector<int> aggravating;  ///< art. 77quater circumstances, 1..5 (smuggling only)
};

/// "references" (optional, additive): the file numbers of the case elsewhere,
/// each optional and, when given, a non-empty string.
struct References {
    std::string prosecutor_notice;  ///< the notice (parquet) number at the prosecutor's office
    std::string oe_file;            ///< the file number at the Office des étrangers (SP number)
    std::string centre_file;        ///< the file number at the recognised centre
};

struct Case {
    std::string id;
    std::optional<References> references;
    std::optional<std::string> notes;  ///< free text (optional, additive)
    Person person;
    Offence offence;
    std::vector<Event> events;  ///< in processing order (see interfaces.md §1)
    bool out_of_order = false;  ///< the file's events were not in date order
};

/// Field by field (the same facts read from a file twice compare equal).
bool operator==(const Event& a, const Event& b);
bool operator==(const Case& a, const Case& b);

/// Limits on input (documented in the README).
struct Limits {
    static constexpr size_t max_bytes = 16u * 1024u * 1024u;
    static constexpr size_t max_events = 10000;
    static constexpr int max_depth = 32;
};

/// Parses and validates a case file. Throws CaseError.
Case parse_case(const std::string& text);

/// R-START: only cooperation, identity_established and prosecutor_opinion may
/// precede the first indications (or come without any); throws CaseError
/// naming the event. Implemented with the procedure (src/procedure/agenda.cpp).
void check_start(const Case& c);
/// (parse_event, parse_json_strict, json_type_name: sejour61/json_parse.hpp)

/// Whether `code` is an ISO 3166-1 alpha-2 code (or XK, XX, EL, UK).
bool known_nationality(const std::string& code);

/// Sorts events into processing order: by date, same-day events in file
/// order, except that the first `indications` comes before every other event
/// of its day.
void order_events(std::vector<Event>& events);

}  // namespace sejour61
