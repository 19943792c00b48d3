#include "sejour61/case.hpp"
#include "sejour61/json_parse.hpp"

#include "sejour61/stamp.hpp"

#include "flat_json.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace sejour61 {

using nlohmann::json;

namespace {

const char* const kEventNames[] = {
    "indications",        "centre_contact",    "cooperation",   "prosecutor_opinion",
    "identity_established", "withdrawal_ground", "proceedings_ended", "requisitions",
    "conviction",         "indefinite_decision", "document_issued", "left_procedure",
    "labour_auditor_finding", "labour_proceedings",
};

// ISO 3166-1 alpha-2 officially assigned codes, plus XK (Kosovo) and
// XX (stateless or unknown), and the aliases EL (Greece) and UK.
const char* const kCountries =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS "
    "BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE "
    "EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM "
    "HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC "
    "LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA "
    "NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO "
    "TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK XX EL UK";


template <class List>
std::string join(const List& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + std::string(x);
    return s;
}

// The two roads' documents (nlohmann's DOM, the flat document) read alike.
std::string_view text_of(const json& v) { return v.get_ref<const std::string&>(); }
std::string_view text_of(const flat::Value& v) { return v.text; }
bool flag_of(const json& v) { return v.get<bool>(); }
bool flag_of(const flat::Value& v) { return v.flag; }
long long integer_of(const json& v) { return v.get<long long>(); }
long long integer_of(const flat::Value& v) { return v.integer; }
const json* member(const json& o, const char* key) {
    auto it = o.find(key);
    return it == o.end() ? nullptr : &*it;
}
const flat::Value* member(const flat::Value& o, const char* key) { return o.find(key); }
template <class F>
void for_each_key(const json& o, F f) {
    for (auto it = o.begin(); it != o.end(); ++it) f(std::string_view(it.key()));  // sorted: nlohmann's order
}
template <class F>
void for_each_key(const flat::Value& o, F f) {
    for (std::uint32_t i = 0; i < o.count; ++i) f(o.doc->member(o.first + i).key);
}
const char* json_type_name(const json& v) { return sejour61::json_type_name(v); }
const char* json_type_name(const flat::Value& v) {
    switch (v.type) {
        case flat::Type::null: return "null";
        case flat::Type::boolean: return "a boolean";
        case flat::Type::integer: return "an integer";
        case flat::Type::string: return "a string";
        case flat::Type::array: return "an array";
        case flat::Type::object: return "an object";
    }
    return "an invalid value";
}

template <class V>
struct Reader {
    const V& obj;
    std::string path;
    // The keys read (string literals; an object of the format has at most 7).
    std::array<const char*, 12> used{};
    size_t n_used = 0;

    std::string at(std::string_view key) const { return path.empty() ? std::string(key) : path + "." + std::string(key); }

    const V* find(const char* key) {
        if (n_used == used.size()) throw std::logic_error("Reader: more keys than the format has");
        used[n_used++] = key;
        return member(obj, key);
    }
    const V& need(const char* key) {
        const V* v = find(key);
        if (!v) throw CaseError(at(key), "is required");
        return *v;
    }
    std::string text(const char* key, bool allow_empty = false) {
        const V& v = need(key);
        if (!v.is_string()) throw CaseError(at(key), say("must be a string, not {type}", {{"type", json_type_name(v)}}));
        std::string_view s = text_of(v);
        if (!allow_empty && s.empty()) throw CaseError(at(key), "must not be empty");
        return std::string(s);
    }
    std::string choice(const char* key, std::initializer_list<const char*> allowed) {
        std::string s = text(key, true);
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return s == a; }))
            throw CaseError(at(key), say("is not one of: {allowed}", {{"allowed", join(allowed)}}));  // the value is not echoed
        return s;
    }
    bool boolean(const char* key) {
        const V& v = need(key);
        if (!v.is_boolean()) throw CaseError(at(key), say("must be true or false, not {type}", {{"type", json_type_name(v)}}));
        return flag_of(v);
    }
    bool boolean_or(const char* key, bool dflt) {
        const V* v = find(key);
        if (!v) return dflt;
        if (!v->is_boolean()) throw CaseError(at(key), say("must be true or false, not {type}", {{"type", json_type_name(*v)}}));
        return flag_of(*v);
    }
    Date date_value(const V& v, const std::string& p) {
        if (!v.is_string()) throw CaseError(p, say("must be a date string (YYYY-MM-DD), not {type}", {{"type", json_type_name(v)}}));
        std::string_view s = text_of(v);
        std::string why;
        auto d = parse_date(s, &why);
        if (!d) {
            // Echo the value only when it has the shape of a date (never a
            // phone number or any other free text).
            throw CaseError(p, date_shaped(s) ? say("\"{value}\" {why}", {{"value", std::string(s)}, {"why", why}})
                                : say("the string {why}", {{"why", why}}));
        }
        return *d;
    }
    Date date(const char* key) { return date_value(need(key), at(key)); }
    void no_other_keys() const {
        for_each_key(obj, [&](std::string_view k) {
            if (std::none_of(used.begin(), used.begin() + n_used, [&](const char* u) { return k == u; }))
                throw CaseError(at(k), "unknown field");
        });
    }
};

template <class V>
void require_object(const V& v, const std::string& path) {
    if (!v.is_object())
        throw CaseError(path.empty() ? "(document)" : path, say("must be an object, not {type}", {{"type", json_type_name(v)}}));
}

}  // namespace

const char* event_type_name(EventType t) { return kEventNames[static_cast<int>(t)]; }

std::optional<EventType> event_type_from(const std::string& name) {
    for (int i = 0; i < static_cast<int>(sizeof kEventNames / sizeof *kEventNames); ++i)
        if (name == kEventNames[i]) return static_cast<EventType>(i);
    return std::nullopt;
}

bool known_nationality(const std::string& code) {
    if (code.size() != 2) return false;
    std::string_view all(kCountries);
    for (size_t i = 0; i + 1 < all.size(); i += 3)
        if (all[i] == code[0] && all[i + 1] == code[1]) return true;
    return false;
}

namespace {

// "recorded": {"at": ISO 8601 timestamp, "by": who}, both required, nothing else.
template <class V>
void read_recorded(const V& v, const std::string& path, Event& e) {
    require_object(v, path);
    Reader<V> r{v, path, {}};
    e.recorded_at = r.text("at");
    std::string why;
    if (!parse_timestamp(e.recorded_at, &why)) throw CaseError(r.at("at"), say("{why}", {{"why", why}}));
    e.recorded_by = r.text("by");
    r.no_other_keys();
}

template <class V>
Event event_from(const V& j, const std::string& path) {
    require_object(j, path);
    Reader<V> r{j, path, {}};
    Event e;
    std::string type = r.text("type");
    auto t = event_type_from(type);
    if (!t) {
        std::vector<std::string> names(std::begin(kEventNames), std::end(kEventNames));
        throw CaseError(r.at("type"), say("unknown event type (expected one of: {types})", {{"types", join(names)}}));
    }
    e.type = *t;
    e.date = r.date("date");
    switch (e.type) {
        case EventType::indications: e.by = r.choice("by", {"police", "inspection"}); break;
        case EventType::centre_contact: e.centre = r.text("centre"); break;
        case EventType::cooperation: e.form = r.choice("form", {"complaint", "statement"}); break;
        case EventType::prosecutor_opinion:
            e.by = r.choice("by", {"prosecutor", "labour_auditor"});
            e.victim = r.boolean("victim");
            e.proceedings_ongoing = r.boolean("proceedings_ongoing");
            e.cooperating = r.boolean("cooperating");
            e.qualification_clear = r.boolean_or("qualification_clear", true);
            break;
        case EventType::identity_established: break;
        case EventType::withdrawal_ground:
            e.ground = r.choice("ground", {"contact_renewed", "public_order", "fraud", "cooperation_stopped",
                                           "accompaniment_ended"});
            break;
        case EventType::proceedings_ended: e.outcome = r.choice("outcome", {"dismissed", "acquitted", "immunity"}); break;
        case EventType::requisitions: e.teh_charge = r.boolean("teh_charge"); break;
        case EventType::conviction: e.final_conviction = r.boolean_or("final", false); break;
        case EventType::indefinite_decision: e.granted = r.boolean("granted"); break;
        case EventType::document_issued: {
            e.document = r.choice("document", {"oqt45", "annex15", "ai", "a_card", "b_card"});
            // An expiry before the record's date is valid input: the replay warns (R-DATE-RECORDED).
            if (const V* x = r.find("expires")) e.expires = r.date_value(*x, r.at("expires"));
            break;
        }
        case EventType::left_procedure: e.reason = r.text("reason"); break;
        case EventType::labour_auditor_finding: e.teh = r.boolean("teh"); break;
        case EventType::labour_proceedings:
            e.status = r.choice("status", {"pending", "judgment"});
            if (e.status == "judgment") {
                e.favourable = r.boolean("favourable");
            } else if (r.find("favourable")) {
                throw CaseError(r.at("favourable"), "is only allowed with status \"judgment\"");
            }
            break;
    }
    if (const V* rec = r.find("recorded")) read_recorded(*rec, r.at("recorded"), e);
    r.no_other_keys();
    return e;
}

}  // namespace

Event parse_event(const json& j, const std::string& path) { return event_from(j, path); }

bool operator==(const Event& a, const Event& b) {
    return a.date == b.date && a.type == b.type && a.index == b.index && a.by == b.by && a.centre == b.centre &&
           a.form == b.form && a.ground == b.ground && a.outcome == b.outcome && a.reason == b.reason &&
           a.document == b.document && a.status == b.status && a.victim == b.victim &&
           a.proceedings_ongoing == b.proceedings_ongoing && a.cooperating == b.cooperating &&
           a.qualification_clear == b.qualification_clear && a.teh_charge == b.teh_charge &&
           a.final_conviction == b.final_conviction && a.granted == b.granted && a.teh == b.teh &&
           a.favourable == b.favourable && a.expires == b.expires && a.recorded_at == b.recorded_at &&
           a.recorded_by == b.recorded_by;
}

bool operator==(const Case& a, const Case& b) {
    return a.id == b.id && a.person.birth_date == b.person.birth_date &&
           a.person.nationality == b.person.nationality && a.person.unaccompanied == b.person.unaccompanied &&
           a.person.employer_immunity == b.person.employer_immunity && a.offence.smuggling == b.offence.smuggling &&
           a.offence.aggravating == b.offence.aggravating && a.events == b.events && a.out_of_order == b.out_of_order &&
           a.notes == b.notes && a.references.has_value() == b.references.has_value() &&
           (!a.references || (a.references->prosecutor_notice == b.references->prosecutor_notice &&
                              a.references->oe_file == b.references->oe_file &&
                              a.references->centre_file == b.references->centre_file));
}

void order_events(std::vector<Event>& events) {
    const Event* first = nullptr;
    for (const auto& e : events)
        if (e.type == EventType::indications && (!first || e.date < first->date ||
                                                 (e.date == first->date && e.index < first->index)))
            first = &e;
    size_t first_index = first ? first->index : static_cast<size_t>(-1);
    auto before = [&](const Event& a, const Event& b) {
        if (a.date != b.date) return a.date < b.date;
        bool fa = a.index == first_index, fb = b.index == first_index;
        if (fa != fb) return fa;
        return a.index < b.index;
    };
    if (!std::is_sorted(events.begin(), events.end(), before)) std::stable_sort(events.begin(), events.end(), before);
}

namespace {

template <class V>
Person parse_person(const V& pj) {
    require_object(pj, "person");
    Reader<V> p{pj, "person", {}};
    Person person;
    person.birth_date = p.date("birth_date");
    std::string nat = p.text("nationality");
    if (!known_nationality(nat))
        throw CaseError("person.nationality", "is not an ISO 3166-1 alpha-2 code (uppercase, e.g. \"NG\")");
    if (nat == "EL") nat = "GR";
    if (nat == "UK") nat = "GB";
    person.nationality = nat;
    person.unaccompanied = p.boolean_or("unaccompanied", false);
    person.employer_immunity = p.boolean_or("employer_immunity", false);
    p.no_other_keys();
    return person;
}

template <class V>
Offence parse_offence(const V& oj) {
    require_object(oj, "offence");
    Reader<V> o{oj, "offence", {}};
    Offence offence;
    std::string type = o.choice("type", {"trafficking", "smuggling"});
    offence.smuggling = type == "smuggling";
    if (offence.smuggling) {
        const V& ag = o.need("aggravating");
        if (!ag.is_array() || ag.empty())
            throw CaseError("offence.aggravating", "must be a non-empty array of numbers 1 to 5 for smuggling");
        for (size_t i = 0; i < ag.size(); ++i) {
            std::string at = "offence.aggravating[" + std::to_string(i) + "]";
            if (!ag[i].is_number_integer())
                throw CaseError(at, say("must be an integer, not {type}", {{"type", json_type_name(ag[i])}}));
            long long n = integer_of(ag[i]);
            if (n < 1 || n > 5) throw CaseError(at, say("{n} is not a circumstance of art. 77quater (1 to 5)", {{"n", std::to_string(n)}}));
            if (std::find(offence.aggravating.begin(), offence.aggravating.end(), n) != offence.aggravating.end())
                throw CaseError(at, say("{n} is listed twice", {{"n", std::to_string(n)}}));
            offence.aggravating.push_back(static_cast<int>(n));
        }
    } else if (o.find("aggravating")) {
        throw CaseError("offence.aggravating", "is only allowed for smuggling");
    }
    o.no_other_keys();
    return offence;
}

// "references": {"prosecutor_notice", "oe_file", "centre_file"}, each optional and non-empty.
template <class V>
References parse_references(const V& v) {
    require_object(v, "references");
    Reader<V> r{v, "references", {}};
    References refs;
    for (auto [key, field] : {std::pair{"prosecutor_notice", &References::prosecutor_notice},
                              std::pair{"oe_file", &References::oe_file}, std::pair{"centre_file", &References::centre_file}})
        if (r.find(key)) refs.*field = r.text(key);
    r.no_other_keys();
    return refs;
}

template <class V>
Case case_from(const V& j) {
    require_object(j, "");
    Reader<V> top{j, "", {}};
    Case c;
    std::string format = top.text("format");
    if (format != "sejour61.case/1") throw CaseError("format", "is not \"sejour61.case/1\"");
    c.id = top.text("id");
    c.person = parse_person(top.need("person"));
    c.offence = parse_offence(top.need("offence"));
    if (const V* refs = top.find("references")) c.references = parse_references(*refs);
    if (top.find("notes")) c.notes = top.text("notes", true);
    const V& ej = top.need("events");
    if (!ej.is_array()) throw CaseError("events", say("must be an array, not {type}", {{"type", json_type_name(ej)}}));
    if (ej.size() > Limits::max_events)
        throw CaseError("events", say("has more than {n} events (limit)", {{"n", std::to_string(Limits::max_events)}}));
    c.events.reserve(ej.size());
    for (size_t i = 0; i < ej.size(); ++i) {
        Event e = event_from(ej[i], "events[" + std::to_string(i) + "]");
        e.index = i;
        if (!c.events.empty() && e.date < c.events.back().date) c.out_of_order = true;
        c.events.push_back(std::move(e));
    }
    top.no_other_keys();
    if (c.person.birth_date > max_date()) throw CaseError("person.birth_date", "is out of range");
    for (const auto& e : c.events)
        if (e.date < c.person.birth_date)
            throw CaseError("events[" + std::to_string(e.index) + "].date",
                            say("{date} is before the person's birth date", {{"date", format_date(e.date)}}));
    order_events(c.events);
    check_start(c);
    return c;
}

}  // namespace

std::optional<Case> parse_case_fast(std::string_view text) {
    thread_local flat::Document doc;
    struct Trim {  // a warm thread keeps its vectors, but not those of an outsized input
        flat::Document& d;
        ~Trim() { d.trim(1u << 16); }
    } trim{doc};
    if (!doc.scan(text)) return std::nullopt;
    try {
        return case_from(doc.root());
    } catch (const CaseError&) {
        return std::nullopt;  // the full road says which error, as it always did
    }
}

Case parse_case_full(const std::string& text) { return case_from(parse_json_strict(text)); }

Case parse_case(const std::string& text) {
    if (auto c = parse_case_fast(text)) return std::move(*c);
    return parse_case_full(text);
}

}  // namespace sejour61
