// sejour61/rules.hpp — the numbers and switches of the law, as data.
//
// A regime (rules/be-2007.json, rules/be-2017.json) is a rule set in force
// over a date range; each act is governed by the regime in force on its date
// (R-REGIME, tempus regit actum) unless a run pins one. A reform
// (rules/reforms/*.json) is a named overlay of parameters on any regime.
// Every parameter carries its value, its legal basis and its status (`law`,
// `secondary`, `interpretation`). The file format is documented in
// rules/README.md; the loader rejects unknown keys, wrong types, missing
// bases and overlapping in-force ranges, naming the file and the key.
#pragma once

#include "sejour61/calendar.hpp"
#include "sejour61/messages.hpp"
#include "sejour61/said.hpp"

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace sejour61 {

/// A rule file is missing or invalid. `what()` names the file and the key.
class RulesError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// An unknown regime or reform id was asked for (a usage error).
class UnknownRuleSet : public SaidError {
public:
    using SaidError::SaidError;
};

enum class MenaFirstDocument { ai, reflection_3m };

/// A parameter's value as the rule file writes it: null, true/false, a whole
/// number, a text (an enum value or a date), or a list of whole numbers (the
/// conditions of art. 61/4 a reform waives). Rendered by the views.
using ParamValue = std::variant<std::monostate, bool, long long, std::string, std::vector<long long>>;

/// Another plausible reading of a `secondary` or `interpretation` parameter
/// (procedure.md §8 "Contestable readings"), with its basis: what
/// `sejour61 contest` replays a case under.
struct Alternative {
    ParamValue value;
    std::string basis;
    /// Non-empty for a reading that departs from the value only in special
    /// cases (procedure.md §9): the ambiguity alarm replays it for every
    /// status and names it so in `sensitivities` ("same-day-clamped").
    std::string alarm;
};

/// One parameter as read from a rule file.
struct Param {
    ParamValue value;
    std::string basis;
    std::string status;  ///< law | secondary | interpretation (| hypothetical: set by the user)
    std::string source;  ///< the file (and reform) it came from
    std::vector<Alternative> alternatives;  ///< the other readings (secondary and interpretation only)
};

/// The typed parameters the engine reads. Names in comments are the keys of
/// the rule files.
struct Params {
    int reflection_days = 0;                  // reflection.days
    int reflection_min_days = 0;              // reflection.min_days (the floor reflection.days must respect)
    std::string reflection_document;          // reflection.document
    bool reflection_rollover = true;          // reflection.working_day_rollover
    int provisional_months = 0;               // provisional.months
    int provisional_extension_months = 0;     // provisional.extension_months
    int provisional_max_extensions = 0;       // provisional.max_extensions
    int temporary_months = 0;                 // temporary.months
    std::optional<int> temporary_max_renewals;  // temporary.max_renewals (null: no cap)
    bool requires_final_conviction = false;   // indefinite.requires_final_conviction
    bool assume_granted = true;               // indefinite.assume_granted
    bool requisitions_trigger = true;         // indefinite.requisitions_trigger
    MenaFirstDocument mena_first_document = MenaFirstDocument::ai;  // mena.first_document
    int mena_reflection_months = 3;           // mena.reflection_months
    int majority_age = 18;                    // majority.age
    bool feb29_to_feb28 = false;              // majority.feb29 ("mar1" | "feb28")
    MonthConvention month_convention = MonthConvention::quantieme;  // dates.month_convention
    FirstDay first_day = FirstDay::next_day;  // dates.first_day
    int consultation_months_before = 1;       // prosecutor_consultation.months_before
    bool consultation_answered_by_opinion = true;  // prosecutor_consultation.answered_by_opinion
    int renewal_request_days_before_end = 0;  // renewal_request.days_before_end
    int appeal_days = 30;         // closure.appeal_days: appeal to the CCE/RvV, days from notification
    bool order_to_leave = true;   // closure.order_to_leave: an order to leave may follow the closure
    bool other_routes = true;     // closure.other_routes: other residence routes are named
    bool smuggling_excludes_eea = true;       // eligibility.smuggling_excludes_eea
    bool mena_unconditional = false;          // mena.unconditional (reform switch)
    bool labour_track = false;                // diplomatic.labour_track (reform switch)
    bool reflection_end_provisional = false;  // reflection.end_without_cooperation == "provisional"
    bool conditions_2_3_waived = false;       // conditions.waived == [2, 3] (for every decision)
    std::optional<int> indefinite_after_temporary_years;  // indefinite.after_temporary_years (null: none)
    std::optional<Date> annex15_decree_from;  // reflection.annex15_decree_from (contestable window)
    std::string annex15_window_document;      // reflection.annex15_window_document (the document in that window)
    std::string annex15_decree_replaces;      // reflection.annex15_decree_replaces (the window exists only for it)

    /// R-61/2-REFLECT: a reflection shorter than the rule files' floor
    /// (reflection.min_days; CETS 197 art. 13) is not a rule set the engine runs.
    bool reflection_below_floor() const { return reflection_days < reflection_min_days; }
};

/// A regime, possibly with reforms applied.
struct RuleSet {
    std::string id;          ///< e.g. "be-2017"
    std::string title;
    std::string instrument;
    Date in_force_from;
    std::optional<Date> in_force_until;  ///< inclusive; nullopt: open-ended
    std::string file;
    std::string extends;                 ///< the regime it overlays ("" for a complete one)
    std::vector<std::string> reforms;    ///< applied overlays, in order
    std::map<std::string, Param> params; ///< every parameter, by key
    Params p;                             ///< the same, typed

    bool in_force_on(const Date& d) const {
        return d >= in_force_from && (!in_force_until || d <= *in_force_until);
    }
    /// The parameter's value, for explanations; throws std::out_of_range.
    const Param& param(const std::string& key) const { return params.at(key); }
};

/// A reform overlay (rules/reforms/ID.json).
struct Reform {
    std::string id;
    std::string title;
    std::string basis;
    std::string status;
    std::optional<Date> hypothetical_in_force;  ///< "as if adopted on"
    std::string file;
    std::map<std::string, Param> params;
};

/// A member of the EU or the EEA (or Switzerland) over a date range.
struct Membership {
    std::string code;
    Date from;
    std::optional<Date> until;  ///< inclusive
    std::string basis;
};

/// The description of one parameter key: its type and allowed values.
struct ParamSpec {
    const char* key;
    enum Kind { integer, boolean, text, integer_or_null, date_or_null, conditions } kind;
    int min;                               ///< for integers
    std::vector<std::string> allowed;      ///< for text
    bool required = true;                  ///< a regime must define it (else: null)
};
/// Every parameter key a rule file may (and a regime must) define.
const std::vector<ParamSpec>& param_specs();

/// Basis and title of each rule id of procedure.md (rules/rule-index.json).
struct RuleInfo {
    std::string id;
    std::string basis;
    std::string title;
    std::string status;
    bool implemented = true;  ///< false: a rule of the spec not implemented yet (listed, never applied)
    std::string file;         ///< the source file that implements it ("" when not implemented)
    std::vector<std::string> parameters;  ///< the parameters its decisions read
};

/// All rule files of a directory: regimes, reforms, the EU/EEA table and the
/// rule index. Immutable after loading; safe to share between threads.
class RuleBook {
public:
    /// Loads `dir`/*.json (regimes), `dir`/reforms/*.json, `dir`/eu-eea.json
    /// and `dir`/rule-index.json. Throws RulesError.
    static std::shared_ptr<const RuleBook> load(const std::string& dir);
    /// The same from texts already in memory: (name relative to `dir`, text),
    /// e.g. ("be-2017.json", "..."), ("reforms/x.json", "..."). Throws RulesError.
    static std::shared_ptr<const RuleBook> from_texts(const std::string& dir,
                                                      const std::vector<std::pair<std::string, std::string>>& files);
    /// As from_texts, with the digest given (load() has the files' SHA-256 from the manifest check).
    static std::shared_ptr<const RuleBook> from_texts(const std::string& dir,
                                                      const std::vector<std::pair<std::string, std::string>>& files,
                                                      std::string digest);

    const std::vector<RuleSet>& regimes() const { return regimes_; }
    const std::vector<Reform>& reforms() const { return reforms_; }
    const std::vector<Membership>& memberships() const { return memberships_; }
    const std::map<std::string, RuleInfo>& rule_index() const { return index_; }
    const std::string& dir() const { return dir_; }
    /// "sha256:..." over every rule file (name and content): carried by every
    /// output document as "rules", shown by `sejour61 rules`.
    const std::string& digest() const { return digest_; }

    /// The message catalogue of `lang` (rules_dir/i18n/LANG.json), else English,
    /// else an empty catalogue (texts render as their ids).
    const Messages& messages(const std::string& lang) const;
    /// The languages of the catalogues found in i18n/ (a new language is one
    /// file there), sorted.
    std::vector<std::string> languages() const;
    /// Throws `CaseError(path, ...)` unless `lang` is one of languages().
    void check_language(const std::string& lang, const std::string& path) const;

    /// Basis of a rule id ("" when unknown).
    const std::string& basis_of(const std::string& rule_id) const;
    /// Whether `code` is an EU/EEA/Swiss national on `d`.
    bool eea_national(const std::string& code, const Date& d) const;

private:
    std::string dir_;
    std::string digest_;
    std::vector<RuleSet> regimes_;
    std::vector<Reform> reforms_;
    std::vector<Membership> memberships_;
    std::map<std::string, RuleInfo> index_;
    std::map<std::string, std::shared_ptr<const Messages>> catalogues_;
    friend struct RuleBookLoader;
};

/// An alternative reading of a parameter (procedure.md §8 "Contestable
/// readings") applied after the reforms: in every rule set whose parameter
/// `key` lists `value` among its alternatives, the parameter takes that value
/// with the alternative's basis. What `sejour61 contest` replays under.
struct Reading {
    std::string key;
    ParamValue value;
};

/// The basis of a parameter set by `--set` or `+set:` (procedure.md §8).
inline constexpr const char* kSetByUser = "set by the user";

/// "KEY=VALUE" (procedure.md §8 "Parametric reforms"): the parameter with the
/// value checked against its type, status `hypothetical`, basis kSetByUser.
/// Throws UnknownRuleSet naming the key and what the value must be.
std::pair<std::string, Param> parse_setting(const std::string& key_value);

/// One reform entry as written (procedure.md §8): "ID", "ID@YYYY-MM-DD" (as
/// if adopted on that date) or "set:KEY=VALUE". Only splits; the selection
/// checks the id, the date and the setting. The one reading of that grammar.
struct ReformEntry {
    std::string id;                      ///< the reform id ("" for a setting)
    std::optional<std::string> adopted;  ///< the text after '@', if any
    std::optional<std::string> setting;  ///< "KEY=VALUE" of "set:KEY=VALUE"
};
ReformEntry split_reform_entry(const std::string& entry);

/// The rule sets a run uses: the regimes (or one pinned regime) with the
/// chosen reforms applied, in order, duplicates removed. A reform given as
/// "set:KEY=VALUE" sets one parameter (parse_setting) after every reform; of
/// several settings of one key, the last.
class Selection {
public:
    /// Throws UnknownRuleSet for an unknown regime or reform id. A reform may
    /// be given as "ID@YYYY-MM-DD": applied as if adopted on that date.
    /// `reading`, when given, is applied last (see Reading).
    Selection(std::shared_ptr<const RuleBook> book, std::optional<std::string> pinned,
              std::vector<std::string> reforms, std::optional<Reading> reading = std::nullopt);

    /// Every rule set this selection may apply, with all its reforms active
    /// (the last stretch of a dated reform): what `contest` lists readings of.
    const std::vector<RuleSet>& rule_sets() const { return variants_.back(); }

    /// The ambiguity alarm's readings (procedure.md §9): each alternative
    /// marked "alarm" in the rule sets, with the selection that applies it
    /// (built once here; none for a selection that applies a reading).
    struct Alarm {
        std::string name;  ///< the convention's name in `sensitivities`
        std::shared_ptr<const Selection> selection;
    };
    const std::vector<Alarm>& alarms() const { return alarms_; }

    /// R-REGIME: the rule set governing an act on `d`; nullptr when no regime
    /// is in force on that date (and none is pinned).
    const RuleSet* at(const Date& d) const;
    /// The pinned regime id, if any.
    const std::optional<std::string>& pinned() const { return pinned_; }
    const std::vector<std::string>& reform_ids() const { return reform_ids_; }
    /// The "set:KEY=VALUE" reforms, each checked (parse_setting), one per key:
    /// the last value given for a key; reform_ids() ends with their specs.
    /// A set parameter has no alternative reading, hence no alarm.
    const std::vector<std::pair<std::string, Param>>& settings() const { return settings_; }
    const RuleBook& book() const { return *book_; }

private:
    std::shared_ptr<const RuleBook> book_;
    std::optional<std::string> pinned_;
    std::vector<std::string> reform_ids_;
    std::vector<std::pair<std::string, Param>> settings_;
    std::vector<Reform> dated_;                  // reforms given as ID@DATE
    std::vector<Date> thresholds_;               // hypothetical in-force dates, sorted
    std::vector<std::vector<RuleSet>> variants_;  // [k]: regimes overlaid with the reforms active
                                                  // from thresholds_[k-1] on
    std::vector<Alarm> alarms_;
};

/// Writes `dir`/manifest.json: every rule file of `dir` with its SHA-256
/// (after a reviewed change). Throws RulesError.
void seal_rules_dir(const std::string& dir);

/// Reads a whole file (throws RulesError naming it).
std::string read_text_file(const std::string& path);

/// Where the rule files are when no directory is given, in this order:
/// $SEJOUR61_RULES; <dir>/share/sejour61/rules, then <dir>/../share/...,
/// <dir>/../../share/..., <dir>/../../../share/... where <dir> holds the
/// library, or the program it is linked into (a build tree and a moved
/// prefix); the data directory of the configured install prefix. No build-tree
/// path is compiled in. Throws RulesError naming the places looked in.
std::string default_rules_dir();
/// The places default_rules_dir() looks in, in order.
std::vector<std::string> rules_dir_candidates();

}  // namespace sejour61
