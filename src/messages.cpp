#include "sejour61/messages.hpp"
#include "sejour61/io.hpp"

#include "sejour61/case.hpp"
#include "sejour61/json_parse.hpp"
#include "sejour61/rules.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <cstdlib>
#include <filesystem>

namespace sejour61 {

std::shared_ptr<const Messages> Messages::load(const std::string& rules_dir, const std::string& lang) {
    std::string path = (std::filesystem::path(rules_dir) / "i18n" / (lang + ".json")).string();
    std::string text;
    try {
        text = read_bounded(path, 4u << 20, path);
    } catch (const std::exception& e) {
        throw RulesError(e.what());
    }
    return from_text(path, lang, text);
}

std::shared_ptr<const Messages> Messages::from_text(const std::string& path, const std::string& lang,
                                                    const std::string& text) {
    auto m = std::make_shared<Messages>();
    m->lang_ = lang;
    nlohmann::json j;
    try {
        j = parse_json_strict(text);
    } catch (const CaseError& e) {
        throw RulesError(path + ": " + e.what());
    }
    if (!j.is_object() || j.value("format", "") != "sejour61.messages/1" || !j.contains("messages") ||
        !j["messages"].is_object())
        throw RulesError(path + ": not a sejour61.messages/1 catalogue");
    for (auto it = j["messages"].begin(); it != j["messages"].end(); ++it) {
        if (!it->is_string()) throw RulesError(path + ": messages." + it.key() + ": must be a string");
        m->text_[it.key()] = it->get<std::string>();
    }
    return m;
}

namespace {

// The catalogue's text for `id` with each {name} replaced by arg(name) when
// it has one (an unknown {name} stays as it is); "<id>" for an unknown id.
template <class Arg>
std::string fill(const std::map<std::string, std::string>& texts, std::string_view id, Arg arg) {
    auto it = texts.find(std::string(id));
    if (it == texts.end()) return "<" + std::string(id) + ">";
    const std::string& t = it->second;
    std::string out;
    out.reserve(t.size() + 32);
    size_t run = 0;  // the first character not yet copied
    for (size_t i = t.find('{'); i != std::string::npos; i = t.find('{', i + 1)) {
        const size_t end = t.find('}', i);
        if (end == std::string::npos) break;
        const std::optional<std::string_view> v = arg(std::string_view(t).substr(i + 1, end - i - 1));
        if (!v) continue;
        out.append(t, run, i - run);
        out += *v;
        run = end + 1;
        i = end;
    }
    out.append(t, run, std::string::npos);
    return out;
}

}  // namespace

std::string Messages::get(const std::string& id, const std::map<std::string, std::string>& args) const {
    return fill(text_, id, [&](std::string_view name) -> std::optional<std::string_view> {
        for (const auto& [k, v] : args)
            if (k == name) return std::string_view(v);
        return std::nullopt;
    });
}

// Arguments are used as given, except "@id,@id2": the catalogue's texts for
// those ids, joined by ", ". The last argument of a name counts.
std::string Messages::render(const Text& t) const {
    std::vector<std::string> resolved(t.arg_count());
    for (size_t i = 0; i < t.arg_count(); ++i) {
        const std::string_view v = t.arg_value(i);
        if (v.empty() || v[0] != '@') continue;
        std::string out, piece;
        auto flush = [&] {
            if (piece.empty()) return;
            out += (out.empty() ? "" : ", ") + get(piece[0] == '@' ? piece.substr(1) : piece);
            piece.clear();
        };
        for (char c : v) {
            if (c == ',') {
                flush();
            } else {
                piece += c;
            }
        }
        flush();
        resolved[i] = std::move(out);
    }
    return fill(text_, t.id.view(), [&](std::string_view name) -> std::optional<std::string_view> {
        for (size_t i = t.arg_count(); i-- > 0;)
            if (name == t.arg_name(i)) {
                const std::string_view v = t.arg_value(i);
                return !v.empty() && v[0] == '@' ? std::string_view(resolved[i]) : v;
            }
        return std::nullopt;
    });
}

Text::Text(Id i, std::initializer_list<std::pair<const char*, std::string_view>> args) : id(i) {
    for (const auto& [name, value] : args) add(name, value);
}

void Text::add(const char* name, std::string_view value) {
    if (n_ == max_args) throw std::logic_error("a message has more than " + std::to_string(max_args) + " arguments");
    Arg& a = args_[n_++];
    a.name = name;
    a.len = static_cast<std::uint32_t>(value.size());
    if (used_ + value.size() <= sizeof buf_) {
        a.off = used_;
        std::memcpy(buf_ + used_, value.data(), value.size());
        used_ = static_cast<std::uint32_t>(used_ + value.size());
    } else {
        a.off = static_cast<std::uint32_t>(in_heap | heap_.size());
        heap_.append(value);
    }
}

std::string_view Text::arg_value(std::size_t i) const {
    const Arg& a = args_[i];
    if (a.off & in_heap) return std::string_view(heap_).substr(a.off & ~in_heap, a.len);
    return std::string_view(buf_ + a.off, a.len);
}

std::string choose_language(const std::string& requested) {
    if (!requested.empty()) return requested;
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(var);
        if (!v || !*v) continue;
        // POSIX locale names: language[_territory][.codeset][@modifier]
        // ("fr_BE.UTF-8", "nl", "C"): only the language part counts, whole.
        std::string s = v;
        std::string language = s.substr(0, s.find_first_of("_.@"));
        // Two or three lowercase letters (ISO 639); the caller falls back to
        // English when the rule files have no catalogue for it.
        bool iso = (language.size() == 2 || language.size() == 3) &&
                   std::all_of(language.begin(), language.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        return iso ? language : "en";
    }
    return "en";
}

// layout: table
const std::vector<std::string>& required_message_ids() {
    // The ids the code asks for (views.cpp, next.cpp); variants
    // ("step.<id>.<part>.<variant>") are optional but, when present, must be
    // in every language (the catalogue test checks that the sets are equal).
    static const std::vector<std::string> ids = {
        "actor.centre",
        "actor.guardian",
        "actor.inspection",
        "actor.minister",
        "actor.none",
        "actor.oe",
        "actor.person",
        "actor.police",
        "closure.conditions_not_met",
        "closure.left_procedure",
        "closure.not_eligible",
        "closure.reflection_lapsed",
        "closure.withdrawn",
        "deadline.document-end",
        "deadline.indefinite-request",
        "deadline.majority",
        "deadline.prosecutor-consultation",
        "deadline.reflection-last-day",
        "deadline.renewal-request",
        "doc.a_card",
        "doc.ai",
        "doc.annex15",
        "doc.b_card",
        "doc.oqt45",
        "explain.also",
        "explain.facts",
        "explain.title",
        "label.case_on",
        "label.closed",
        "label.contestable",
        "label.deadlines",
        "label.document",
        "label.extension",
        "label.first_issued",
        "label.guardian",
        "label.minor_until",
        "label.no_end",
        "label.none",
        "label.phase",
        "label.renewal",
        "label.since",
        "label.under_convention",
        "label.until",
        "label.valid",
        "label.warnings",
        "next.if_not",
        "next.may",
        "next.must",
        "next.no_date",
        "next.nothing",
        "next.overdue",
        "consequence.extension",
        "consequence.a_card",
        "consequence.renewal",
        "consequence.exhausted",
        "consequence.closes",
        "consequence.lapsed",
        "consequence.indefinite",
        "consequence.unchanged",
        "step.decided.action",
        "next.title",
        "record.done",
        "record.stamp",
        "record.amend",
        "record.undo",
        "record.not_started",
        "record.bad_yes_no",
        "record.bad_value",
        "record.twice",
        "record.unknown_type",
        "record.needs_type",
        "record.flag_not_for_type",
        "record.amend_number",
        "record.needs_case",
        "record.case_not_stdin",
        "record.too_many",
        "record.by_empty",
        "record.undo_alone",
        "record.file_or_flags",
        "record.needs_event",
        "record.flag_elsewhere",
        "record.help",
        "record.help_types",
        "history.title",
        "history.none",
        "history.add",
        "history.amend",
        "history.undo",
        "history.before",
        "history.after",
        "history.event",
        "history.no_event",
        "history.not_applied",
        "history.changed_after",
        "history.torn",
        "history.usage",
        "events.title",
        "events.usage",
        "events.aliases",
        "events.required",
        "events.optional",
        "events.default",
        "events.yes",
        "events.no",
        "events.kind.text",
        "events.kind.date",
        "events.kind.boolean",
        "events.field_line",
        "report.as_of",
        "report.basis",
        "report.by",
        "report.date",
        "report.decision",
        "report.decisions",
        "report.generated",
        "report.next",
        "report.status",
        "report.timeline",
        "report.title",
        "report.today",
        "report.what",
        "report.who",
        "state.closed",
        "state.detected",
        "state.indefinite",
        "state.provisional",
        "state.reflection",
        "state.start",
        "state.temporary",
        "step.accompany.action",
        "step.accompany.if_not",
        "step.closed.action",
        "step.closed.if_not",
        "step.consult-prosecutor.action",
        "step.consult-prosecutor.if_not",
        "step.cooperate.action",
        "step.cooperate.if_not",
        "step.decide-unlimited-stay.action",
        "step.decide-unlimited-stay.if_not",
        "step.establish-identity.action",
        "step.establish-identity.if_not",
        "step.exhausted-warning.action",
        "step.exhausted-warning.if_not",
        "step.guardian-represents.action",
        "step.guardian-represents.if_not",
        "step.inform-guardianship-service.action",
        "step.inform-guardianship-service.if_not",
        "step.inform-oe.action",
        "step.inform-oe.if_not",
        "step.inform-person.action",
        "step.inform-person.if_not",
        "step.majority.action",
        "step.majority.if_not",
        "step.refer-to-centre.action",
        "step.refer-to-centre.if_not",
        "step.request-a-card.action",
        "step.request-a-card.if_not",
        "step.request-renewal.action",
        "step.request-renewal.if_not",
        "step.request-unlimited-stay.action",
        "step.request-unlimited-stay.if_not",
        "timeline.document",
        "timeline.from",
        "timeline.rule",
        "timeline.state",
        "timeline.title",
        "timeline.until"};
    return ids;
}

}  // namespace sejour61
