#include "sejour61/messages.hpp"
#include "sejour61/io.hpp"

#include "sejour61/case.hpp"
#include "sejour61/json_parse.hpp"
#include "sejour61/rules.hpp"
#include "sejour61/stamp.hpp"

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
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "format" && it.key() != "lang" && it.key() != "messages" && it.key() != "bases" &&
            it.key() != "errors")
            throw RulesError(path + ": " + it.key() + ": unknown field");
    // Tables keyed by the English text: bases (a legal basis), errors (an error's form).
    for (auto [name, table] : {std::pair{"bases", &m->bases_}, std::pair{"errors", &m->errors_}}) {
        if (!j.contains(name)) continue;
        if (!j[name].is_object())
            throw RulesError(path + ": " + name + ": must be an object (English text → text in " + lang + ")");
        for (auto it = j[name].begin(); it != j[name].end(); ++it) {
            if (!it->is_string()) throw RulesError(path + ": " + name + "." + it.key() + ": must be a string");
            (*table)[it.key()] = it->get<std::string>();
        }
    }
    auto months = m->text_.find("date.months");
    if (months != m->text_.end()) {
        size_t k = 0, start = 0;
        const std::string& list = months->second;
        for (size_t i = 0; i <= list.size() && k < 12; ++i)
            if (i == list.size() || list[i] == ',') {
                m->months_[k++] = list.substr(start, i - start);
                start = i + 1;
            }
        if (k != 12 || start != list.size() + 1)
            throw RulesError(path + ": messages.date.months: must be the 12 month names, separated by commas");
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

std::string Messages::date(const Date& d) const {
    if (d.is_special() || months_[0].empty()) return format_date(d);
    const auto ymd = d.year_month_day();
    const std::string day = ymd.day == 1 && has("date.first_day") ? get("date.first_day") : std::to_string(ymd.day);
    return get("date.pattern", {{"day", day}, {"month", months_[ymd.month - 1]}, {"year", std::to_string(ymd.year)}});
}

// The catalogue prefix of the internal values an argument of this name holds:
// {event} "cooperation" is shown as "event.cooperation" says, « coopération ».
static const char* value_prefix(std::string_view name) {
    static const std::pair<const char*, const char*> table[] = {
        {"event", "event."}, {"state", "state."},  {"document", "doc."},     {"held", "doc."},
        {"reason", "closure."}, {"ground", "ground."}, {"by", "by."},         {"form", "form."},
        {"outcome", "outcome."}, {"regime", "regime."},
    };
    for (const auto& [arg, prefix] : table)
        if (name == arg) return prefix;
    return nullptr;
}

std::string Messages::written(std::string_view name, std::string_view v) const {
    // {at}: when a change was recorded, as a person reads a clock in Brussels.
    if (name == "at" && v.size() > 10 && has("date.at_time")) {
        if (auto t = parse_timestamp(v)) {
            const long long local = t->seconds + brussels_offset(t->seconds);
            const long long s = ((local % 86400) + 86400) % 86400;
            char hm[6] = {static_cast<char>('0' + s / 36000), static_cast<char>('0' + s / 3600 % 10), ':',
                          static_cast<char>('0' + s % 3600 / 600), static_cast<char>('0' + s % 600 / 60), 0};
            // {time} 08:22; {h} 8 and {mm} 22 for « 8 h 22 »
            return get("date.at_time", {{"date", date(brussels_date(t->seconds))}, {"time", hm},
                                        {"h", std::to_string(s / 3600)}, {"mm", std::string(hm + 3, 2)}});
        }
    }
    if (date_shaped(v)) {
        auto d = parse_date(v);
        return d ? date(*d) : std::string();
    }
    if (const char* prefix = value_prefix(name)) {
        auto it = text_.find(prefix + std::string(v));
        if (it != text_.end()) return it->second;
    }
    return {};
}

std::string Messages::basis(const std::string& english) const {
    auto it = bases_.find(english);
    return it == bases_.end() ? english : it->second;
}

// A count of one takes the variant "<id>.one" when the catalogue has it
// (« 1 événement postérieur », "1 gebeurtenis"; French counts 0 as one too).
std::string Messages::counted(std::string_view id, std::string_view n) const {
    std::string one = std::string(id) + ".one";
    if ((n == "1" || (n == "0" && lang_ == "fr")) && has(one)) return one;
    return std::string(id);
}

std::string Messages::get(const std::string& id_in, const std::map<std::string, std::string>& args) const {
    std::string id = id_in;
    for (const auto& [k, v] : args)
        if (k == "n" || k == "count") id = counted(id, v);
    std::string held;  // a date written out
    return fill(text_, id, [&](std::string_view name) -> std::optional<std::string_view> {
        for (const auto& [k, v] : args)
            if (k == name) {
                held = written(name, v);
                return held.empty() ? std::string_view(v) : std::string_view(held);
            }
        return std::nullopt;
    });
}

std::string Said::english() const {
    std::map<std::string, std::string> one{{"", form}};
    return lead + fill(one, "", [&](std::string_view name) -> std::optional<std::string_view> {
        for (const auto& [k, v] : args)
            if (k == name) return std::string_view(v);
        return std::nullopt;
    });
}

// A message the catalogue has no form for stays English, exactly as what() says it.
std::string Messages::said(const Said& s) const {
    auto it = errors_.find(s.form);
    if (it == errors_.end()) return s.english();
    std::map<std::string, std::string> one{{"", it->second}};
    std::string held;
    auto lead = errors_.find(s.lead);  // "event: " is a word too
    return (lead == errors_.end() ? s.lead : lead->second) + fill(one, "", [&](std::string_view name) -> std::optional<std::string_view> {
        for (const auto& [k, v] : s.args) {
            if (k != name) continue;
            if (auto t = errors_.find(v); t != errors_.end()) return std::string_view(t->second);
            held = written(name, v);
            return held.empty() ? std::string_view(v) : std::string_view(held);
        }
        return std::nullopt;
    });
}

// Tense: a message about a document's end ({end}) has a variant
// "<id>.upcoming" for an end on or after the day the reader asks about
// (« prend fin le » rather than « a pris fin le »).
std::string Messages::render(const Text& t, const Date& as_of) const {
    const std::string upcoming = t.id.str() + ".upcoming";
    if (has(upcoming))
        for (size_t i = t.arg_count(); i-- > 0;)
            if (std::string_view(t.arg_name(i)) == "end") {
                const auto end = parse_date(t.arg_value(i));
                if (end && *end >= as_of) return render(t, upcoming);
                break;
            }
    return render(t);
}

std::string Messages::render(const Text& t) const { return render(t, t.id.str()); }

// Arguments are used as given, except "@id,@id2": the catalogue's texts for
// those ids, joined by ", ". The last argument of a name counts.
std::string Messages::render(const Text& t, const std::string& id_in) const {
    std::string id = id_in;
    for (size_t i = 0; i < t.arg_count(); ++i)
        if (std::string_view(t.arg_name(i)) == "n" || std::string_view(t.arg_name(i)) == "count")
            id = counted(id, t.arg_value(i));
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
    std::string held;  // a date written out
    return fill(text_, id, [&](std::string_view name) -> std::optional<std::string_view> {
        for (size_t i = t.arg_count(); i-- > 0;)
            if (name == t.arg_name(i)) {
                const std::string_view v = t.arg_value(i);
                if (!v.empty() && v[0] == '@') return std::string_view(resolved[i]);
                held = written(name, v);
                return held.empty() ? v : std::string_view(held);
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

}  // namespace sejour61
