#include "sejour61/views.hpp"

#include "view_docs.hpp"
#include "sejour61/io.hpp"

#include "sejour61/messages.hpp"

#include <algorithm>
#include <sstream>

namespace sejour61 {

using json = nlohmann::ordered_json;

namespace {


const std::string& period_rule_basis(const Period& p, const RuleBook& book) { return book.basis_of(p.rule); }

}  // namespace

const char* document_title(const std::string& id) {
    if (id == "oqt45") return "order to leave the territory, 45 days (annexe 13)";
    if (id == "annex15") return "temporary residence document (annexe 15)";
    if (id == "ai") return "attestation d'immatriculation (model A)";
    if (id == "a_card") return "electronic A card, temporary stay";
    if (id == "b_card") return "electronic B card, unlimited stay";
    return "";
}

json warnings_json(const Outcome& o, const RuleBook& book, const std::string& lang) {
    DomWriter w;
    warnings_doc(w, o, book, lang);
    return w.take();
}

std::string dump_doc(const json& doc) { return doc.dump(2, ' ', false, json::error_handler_t::replace); }

// Rendering of the typed values the engine keeps (no JSON in the domain types).
json value_json(const ParamValue& v) {
    if (std::holds_alternative<bool>(v)) return std::get<bool>(v);
    if (std::holds_alternative<long long>(v)) return std::get<long long>(v);
    if (std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
    if (std::holds_alternative<std::vector<long long>>(v)) return std::get<std::vector<long long>>(v);
    return nullptr;
}

namespace {

const char* tri_text(Tri t) { return t == Tri::holds ? "holds" : t == Tri::fails ? "fails" : "unknown"; }

// The catalogue key of a decision's event: "time:document_end" → "time_document_end".
std::string event_key(std::string e) {
    std::replace(e.begin(), e.end(), ':', '_');
    return e;
}

// Keys in alphabetical order, as the documents have always listed them.
json params_json(const std::vector<ParamRead>& params) {
    json out = json::object();
    for (const auto& r : params)
        out[r.key] = json{{"basis", r.param.basis}, {"regime", r.regime}, {"status", r.param.status},
                          {"value", value_json(r.param.value)}};
    return out;
}

json facts_json(const DecisionFacts& f) {
    json out{{"cooperating", tri_text(f.cooperation)},
             {"decision_day", format_date(f.decision_day)},
             {"identity_established", tri_text(f.identity)}};
    if (f.labour_track) out["labour_track"] = true;
    out["proceedings_ongoing"] = tri_text(f.proceedings);
    out["victim"] = tri_text(f.victim);
    if (f.waived)
        out["waived"] = f.waived_for_all ? "conditions 2 and 3 (residence-without-cooperation)"
                                         : "conditions 2 and 3 (mena-unconditional, unaccompanied minor)";
    return out;
}

}  // namespace

void stamp(json& doc, const RuleBook& book) {
    DomWriter w(doc);
    stamp_doc(w, book);
}

namespace {

template <class W>
void status_doc(W& w, const Outcome& o, const RuleBook& book, const std::string& lang) {
    w.begin_object();
    w.field("format", "sejour61.status/1").field("case", o.case_id).field("on", o.on);
    const Period* cur = o.current();
    w.field("state", state_name(o.state())).field("closure_reason", o.closure_reason);
    if (cur && !cur->document.empty()) {
        w.key("document").begin_object();
        w.field("id", cur->document).field("from", cur->from).field("until", cur->doc_end);
        w.field("extensions", cur->extensions).field("first_issued", cur->first_issued).field("regime", cur->regime);
        w.end_object();
    } else {
        w.field("document", nullptr);
    }
    w.field("regime", o.regime).field("reforms", o.reforms).field("minor", o.minor);
    w.key("deadlines").begin_array();
    for (const auto& d : o.deadlines) {
        w.begin_object();
        w.field("id", d.id).field("date", d.date).field("basis", d.basis);
        w.end_object();
    }
    w.end_array();
    w.key("sensitivities").begin_array();
    for (const auto& s : o.sensitivities) {
        w.begin_object();
        w.field("field", s.field).field("convention", s.convention).field("date", s.date);
        w.end_object();
    }
    w.end_array();
    w.key("warnings");
    warnings_doc(w, o, book, lang);
    // Additions to the contract: the rule that put the case in its state.
    if (cur) {
        w.key("state_rule").begin_object();
        w.field("rule", cur->rule).field("basis", period_rule_basis(*cur, book));
        w.end_object();
    }
    stamp_doc(w, book);
    w.end_object();
}

template <class W>
void timeline_doc(W& w, const Outcome& o, const RuleBook& book) {
    w.begin_object();
    w.field("format", "sejour61.timeline/1").field("case", o.case_id).field("on", o.on);
    w.field("regime", o.regime).field("reforms", o.reforms);
    w.key("periods").begin_array();
    for (size_t i = 0; i < o.periods.size(); ++i) {
        const Period& p = o.periods[i];
        // The last period ends with its document (open-ended states have none).
        const std::optional<Date> until = i + 1 == o.periods.size() ? p.doc_end : p.until;
        w.begin_object();
        w.field("state", state_name(p.state));
        if (p.document.empty()) w.field("document", nullptr);
        else w.field("document", p.document);
        w.field("from", p.from).field("until", until).field("rule", p.rule).field("basis", period_rule_basis(p, book));
        w.end_object();
    }
    w.end_array();
    w.field("closure_reason", o.closure_reason);
    stamp_doc(w, book);
    w.end_object();
}

}  // namespace

json status_json(const Outcome& o, const RuleBook& book, const std::string& lang) {
    DomWriter w;
    status_doc(w, o, book, lang);
    return w.take();
}

std::string status_document(const Outcome& o, const RuleBook& book, const std::string& lang) {
    TextWriter w;
    status_doc(w, o, book, lang);
    return w.take();
}

json timeline_json(const Outcome& o, const RuleBook& book) {
    DomWriter w;
    timeline_doc(w, o, book);
    return w.take();
}

std::string timeline_document(const Outcome& o, const RuleBook& book) {
    TextWriter w;
    timeline_doc(w, o, book);
    return w.take();
}

json explain_json(const Outcome& o, const RuleBook& book, const std::string& lang) {
    const Messages& m = book.messages(lang);
    json j;
    j["format"] = "sejour61.explain/1";
    j["case"] = o.case_id;
    j["on"] = format_date(o.on);
    j["regime"] = o.regime;
    j["reforms"] = o.reforms;
    j["state"] = state_name(o.state());
    j["closure_reason"] = o.closure_reason ? json(*o.closure_reason) : json(nullptr);
    j["decisions"] = json::array();
    for (const auto& d : o.decisions) {
        json also = json::array();
        for (const auto& a : d.also) also.push_back(json{{"rule", a}, {"basis", book.basis_of(a)}});
        json x{{"date", format_date(d.date)},
               {"rule", d.rule},
               {"basis", d.basis},
               {"event", d.event},
               {"event_index", d.event_index ? json(*d.event_index) : json(nullptr)},
               {"from", d.from_state},
               {"to", d.to_state},
               {"message", m.render(d.text)},
               {"params", params_json(d.params)},
               {"also", also}};
        if (d.facts) x["facts"] = facts_json(*d.facts);
        j["decisions"].push_back(std::move(x));
    }
    j["warnings"] = warnings_json(o, book, lang);
    stamp(j, book);
    return j;
}

json validate_json(const Case& c) {
    return json{{"format", "sejour61.validate/1"}, {"case", c.id}, {"valid", true},
                {"events", c.events.size()}, {"out_of_order", c.out_of_order}};
}

json error_json(const std::string& code, const std::string& message, const std::string& path) {
    json j{{"format", "sejour61.error/1"}, {"code", code}, {"message", message}};
    j["path"] = path.empty() ? json(nullptr) : json(path);
    return j;
}

size_t utf8_chars(const std::string& s) {
    size_t chars = 0;
    for (unsigned char c : s) chars += (c & 0xC0) != 0x80;  // continuation bytes do not count
    return chars;
}

std::string pad_right(std::string s, size_t w) {
    const size_t chars = utf8_chars(s);
    if (chars < w) s.append(w - chars, ' ');
    return s;
}

std::string text_columns(const std::vector<std::vector<std::string>>& rows, const std::vector<size_t>& min_widths,
                         const std::string& indent) {
    std::vector<size_t> width(min_widths);
    for (const auto& r : rows)
        for (size_t k = 0; k + 1 < r.size(); ++k) {
            if (width.size() <= k) width.resize(k + 1, 0);
            width[k] = std::max(width[k], utf8_chars(r[k]) + 2);
        }
    std::string out;
    for (const auto& r : rows) {
        std::string line = indent;
        for (size_t k = 0; k < r.size(); ++k) line += k + 1 < r.size() ? pad_right(r[k], width[k]) : r[k];
        line.erase(line.find_last_not_of(' ') + 1);
        out += line + "\n";
    }
    return out;
}

namespace {
// The reforms of a header, by name ("regime {regime}{reforms}").
std::string reforms_suffix(const Outcome& o, const Messages& m) { return regime_label("", o.reforms, m); }
std::string pad(std::string s, size_t w) { return pad_right(std::move(s), w); }
}  // namespace

namespace {
// A reform entry by its catalogue name (the id when it has none); a setting as KEY=VALUE.
std::string reform_name(const std::string& entry, const Messages& m) {
    const ReformEntry e = split_reform_entry(entry);
    if (e.setting) return m.get("reform.set", {{"setting", *e.setting}});
    const std::string name = m.has("reform." + e.id) ? m.get("reform." + e.id) : e.id;
    if (!e.adopted) return name;
    return m.get("reform.adopted", {{"reform", name}, {"date", *e.adopted}});
}
}  // namespace

std::string regime_label(const std::string& regime, const std::vector<std::string>& reforms, const Messages& m) {
    std::string r = regime;
    for (const auto& x : reforms) r += " + " + reform_name(x, m);
    return r;
}

std::string status_text(const Outcome& o, const RuleBook& book, const Messages& m) {
    std::ostringstream s;
    const Period* cur = o.current();
    s << m.get("label.case_on", {{"case", printable(o.case_id)}, {"on", format_date(o.on)}, {"regime", o.regime},
                                 {"reforms", reforms_suffix(o, m)}})
      << "\n";
    s << "  " << pad(m.get("label.phase") + m.get("punct.colon_tight"), 11) << m.get("state." + std::string(state_name(o.state())));
    if (o.closure_reason) s << " (" << m.get("closure." + std::string(o.closure_words())) << ")";
    s << "\n";
    if (cur)
        s << "             " << m.get("label.since", {{"date", format_date(cur->from)}}) << ", " << cur->rule << ", "
          << m.basis(book.basis_of(cur->rule)) << "\n";
    if (cur && !cur->document.empty()) {
        s << "  " << pad(m.get("label.document") + m.get("punct.colon_tight"), 11) << m.get("doc." + cur->document) << "\n";
        s << "             "
          << (cur->doc_end ? m.get("label.valid", {{"from", format_date(cur->from)}, {"until", format_date(*cur->doc_end)}})
                           : m.get("label.valid_open", {{"from", format_date(cur->from)}}));
        if (cur->extensions > 0)
            s << ", " << m.get(cur->document == "ai" ? "label.extension" : "label.renewal", {{"n", std::to_string(cur->extensions)}});
        // « délivrée » for the attestation: the participle agrees with the document (label.first_issued.<document>).
        const std::string issued = m.has("label.first_issued." + cur->document) ? "label.first_issued." + cur->document : "label.first_issued";
        s << m.get("punct.semicolon") << m.get(issued, {{"date", format_date(cur->first_issued)}, {"regime", cur->regime}}) << "\n";
    } else {
        s << "  " << pad(m.get("label.document") + m.get("punct.colon_tight"), 11) << m.get("label.none") << "\n";
    }
    if (o.minor)
        s << "  " << m.get("label.minor_until", {{"date", format_date(o.majority)}})
          << (o.unaccompanied ? " (" + m.get("label.guardian") + ")" : "") << "\n";
    if (!o.deadlines.empty()) {
        s << "  " << m.get("label.deadlines") << m.get("punct.colon_tight") << "\n";
        // A time limit already past on the query date says so (« dépassée »); the date from which
        // unlimited stay may be requested is no time limit.
        std::vector<std::vector<std::string>> rows;
        for (const auto& d : o.deadlines)
            rows.push_back({m.date(d.date),
                            d.date < o.on && d.id != "indefinite-request"
                                ? m.get("deadline.past", {{"deadline", m.get("deadline." + d.id)}})
                                : m.get("deadline." + d.id),
                            m.basis(d.basis)});
        s << text_columns(rows, {20, 45}, "    ");
    }
    if (!o.sensitivities.empty()) {
        s << "  " << m.get("label.contestable") << m.get("punct.colon_tight") << "\n";
        for (const auto& x : o.sensitivities)
            s << "    "
              << m.get("label.under_convention", {{"field", m.get("sens.field." + x.field)},
                                                  {"date", format_date(x.date)},
                                                  {"convention", m.get("sens.convention." + x.convention)}})
              << "\n";
    }
    if (!o.warnings.empty()) {
        s << "  " << m.get("label.warnings") << m.get("punct.colon_tight") << "\n";
        for (const auto& w : o.warnings) s << "    [" << w.rule << "] " << m.date(w.date) << m.get("punct.colon") << m.render(w.text) << "\n";
    }
    return s.str();
}

std::string timeline_text(const Outcome& o, const RuleBook& book, const Messages& m) {
    std::ostringstream s;
    s << m.get("timeline.title", {{"case", printable(o.case_id)}, {"on", format_date(o.on)}, {"regime", o.regime},
                                  {"reforms", reforms_suffix(o, m)}})
      << "\n";
    std::vector<std::vector<std::string>> rows{{m.get("timeline.from"), m.get("timeline.until"), m.get("timeline.state"),
                                                m.get("timeline.document"), m.get("timeline.rule")}};
    json t = timeline_json(o, book);
    for (const auto& p : t["periods"])
        rows.push_back({m.date(*parse_date(p["from"].get<std::string>())),
                        p["until"].is_null() ? "…" : m.date(*parse_date(p["until"].get<std::string>())),
                        m.get("state." + p["state"].get<std::string>()),
                        p["document"].is_null() ? "-" : m.get("docshort." + p["document"].get<std::string>()),
                        p["rule"].get<std::string>()});
    s << text_columns(rows, {19, 19, 32, 14}, "  ");
    if (o.closure_reason) s << "  " << m.get("label.closed", {{"reason", m.get("closure." + std::string(o.closure_words()))}}) << "\n";
    return s.str();
}

std::string explain_text(const Outcome& o, const RuleBook& book, const Messages& m) {
    std::ostringstream s;
    s << m.get("explain.title", {{"case", printable(o.case_id)}, {"on", format_date(o.on)}, {"regime", o.regime},
                                 {"reforms", reforms_suffix(o, m)}}) << "\n";
    for (const auto& d : o.decisions) {
        s << "\n" << m.date(d.date) << "  " << d.rule << " (" << m.basis(d.basis) << ")\n";
        s << "    " << m.get("event." + event_key(d.event)) << m.get("punct.colon") << m.get("state." + d.from_state);
        if (d.to_state != d.from_state) s << " → " << m.get("state." + d.to_state);
        s << "\n    " << m.render(d.text) << "\n";
        if (!d.also.empty()) {
            s << "    " << m.get("explain.also") << m.get("punct.colon_tight");
            for (const auto& a : d.also) s << " " << a;
            s << "\n";
        }
        for (const auto& r : d.params)
            s << "    " << r.key << " = " << value_json(r.param.value).dump() << "  [" << m.get("grade." + r.param.status)
              << m.get("punct.semicolon") << m.basis(r.param.basis) << "]\n";
        if (d.facts) {
            // Conditions 2 and 3 waived by a reform: said so, and condition 1 only "not denied".
            const auto& f = *d.facts;
            const bool w = f.waived;
            s << "    "
              << m.get("explain.facts", {{"date", format_date(f.decision_day)},
                                         {"victim", m.get(w && f.victim == Tri::holds ? std::string("tri.victim.not_denied")
                                                                                       : "tri.victim." + std::string(tri_text(f.victim)))},
                                         {"proceedings", m.get(w ? std::string("tri.waived") : "tri.proceedings." + std::string(tri_text(f.proceedings)))},
                                         {"cooperation", m.get(w ? std::string("tri.waived") : "tri.cooperation." + std::string(tri_text(f.cooperation)))},
                                         {"identity", m.get(std::string("tri.identity.") + tri_text(f.identity))}})
              << "\n";
        }
    }
    if (!o.warnings.empty()) {
        s << "\n" << m.get("label.warnings") << m.get("punct.colon_tight") << "\n";
        for (const auto& w : o.warnings) s << "  [" << w.rule << "] " << m.date(w.date) << m.get("punct.colon") << m.render(w.text) << "\n";
    }
    (void)book;
    return s.str();
}

}  // namespace sejour61
