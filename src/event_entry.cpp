// Guided entry (flags to an event) and the description of the event types
// (`sejour61 events`), from the table of src/event_spec.cpp.
#include "sejour61/event_spec.hpp"
#include "sejour61/record.hpp"

#include <algorithm>
#include <set>

namespace sejour61 {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

const char* const kYes[] = {"yes", "true", "oui", "ja"};
const char* const kNo[] = {"no", "false", "non", "nee"};

std::optional<bool> yes_no_of(const std::string& word) {
    const std::string w = normalise_word(word);
    for (const char* y : kYes)
        if (w == y) return true;
    for (const char* n : kNo)
        if (w == n) return false;
    return std::nullopt;
}

// A word the reader types first, then the others it may type: the reader's
// own word (reader_word), then the other language's, then the English id;
// in English, the id then the aliases as they are listed.
// "plainte (klacht, complaint)" for a French reader, "complaint (plainte, klacht)" in English.
// A French or Dutch reader is shown words, not ids: hyphens for underscores
// (« identité-établie », typed as it is shown: normalise_word reads both), and
// the English id is left to `events --json` and the English text.
std::string first_and_others(const std::string& id, const std::vector<const char*>& aliases, const std::string& key,
                             const std::string& lang, std::string* others_out = nullptr) {
    const std::string mine = reader_word(key, lang);
    auto shown = [&](std::string w) {
        if (!mine.empty()) std::replace(w.begin(), w.end(), '_', '-');
        return w;
    };
    std::string first = mine.empty() ? id : mine, others;
    for (const char* a : aliases)
        if (normalise_word(a) != normalise_word(first)) others += (others.empty() ? "" : ", ") + shown(a);
    if (others_out) *others_out = others;
    return shown(first);
}

// "complaint (plainte, klacht) | statement (declaration, verklaring)", in the reader's words first.
std::string values_line(const FieldSpec& f, const char* sep, const std::string& lang = "en") {
    std::string out;
    for (const auto& v : f.values) {
        std::string al;
        out += (out.empty() ? "" : sep) + first_and_others(v.value, v.aliases, std::string(f.name) + "." + v.value, lang, &al);
        if (!al.empty()) out += " (" + al + ")";
    }
    return out;
}

std::string flags_of(const EventSpec& s) {
    std::string out = "--date";
    for (const auto& f : s.fields) out += std::string(", ") + f.flag;
    return out;
}

// The types as the reader types them (English: the ids).
std::string type_list(const std::string& lang) {
    std::string out;
    for (const auto& s : event_specs()) {
        const std::string t = event_type_name(s.type);
        out += (out.empty() ? "" : ", ") + first_and_others(t, s.aliases, t, lang);
    }
    return out;
}

void put_field(json& ev, const FieldSpec& f, const std::string& flag, const std::string& value, const Messages& msg) {
    switch (f.kind) {
        case FieldKind::text:
        case FieldKind::date: ev[f.name] = value; return;  // the parser judges them, as in a file
        case FieldKind::boolean: {
            auto b = yes_no_of(value);
            if (!b) throw InvalidEvent(flag, msg.get("record.bad_yes_no", {{"value", value}}));
            ev[f.name] = *b;
            return;
        }
        case FieldKind::choice: {
            const std::string w = normalise_word(value);
            for (const auto& v : f.values) {
                if (w == v.value) return void(ev[f.name] = v.value);
                for (const char* a : v.aliases)
                    if (w == normalise_word(a)) return void(ev[f.name] = v.value);
            }
            throw InvalidEvent(flag, msg.get("record.bad_value", {{"value", value}, {"values", values_line(f, ", ", msg.lang())}}));
        }
    }
}

}  // namespace

std::string event_type_words(const std::string& lang) { return type_list(lang); }

json guided_event(const std::vector<std::pair<std::string, std::string>>& flags, const Messages& msg) {
    std::optional<EventType> type;
    for (const auto& [flag, value] : flags) {
        if (flag != "--type") continue;
        if (type) throw InvalidEvent(flag, msg.get("record.twice"));
        type = event_type_of_word(value);
        if (!type) throw InvalidEvent(flag, msg.get("record.unknown_type", {{"value", value}, {"types", type_list(msg.lang())}}));
    }
    if (!type) throw InvalidEvent("--type", msg.get("record.needs_type", {{"types", type_list(msg.lang())}}));
    const EventSpec& spec = event_spec(*type);
    json ev = json::object();
    ev["type"] = event_type_name(*type);
    std::set<std::string> seen;
    for (const auto& [flag, value] : flags) {
        if (flag == "--type") continue;
        if (!seen.insert(flag).second) throw InvalidEvent(flag, msg.get("record.twice"));
        if (flag == "--date") {
            ev["date"] = value;
            continue;
        }
        const FieldSpec* field = nullptr;
        for (const auto& f : spec.fields)
            if (flag == f.flag) field = &f;
        if (!field)
            throw InvalidEvent(flag, msg.get("record.flag_not_for_type",
                                             {{"type", first_and_others(event_type_name(*type), spec.aliases,
                                                                        event_type_name(*type), msg.lang())},
                                              {"flags", flags_of(spec)}}));
        put_field(ev, *field, flag, value, msg);
    }
    return ev;
}

ojson events_json(const Messages& msg, std::optional<EventType> only) {
    ojson doc;
    doc["format"] = "sejour61.events/1";
    doc["lang"] = msg.lang();
    doc["types"] = ojson::array();
    for (const auto& s : event_specs()) {
        if (only && s.type != *only) continue;
        const std::string t = event_type_name(s.type);
        ojson j;
        j["type"] = t;
        j["name"] = msg.get("events.type." + t);
        j["about"] = msg.get("events.about." + t);
        j["aliases"] = s.aliases;
        j["fields"] = ojson::array();
        for (const auto& f : s.fields) {
            ojson fj;
            fj["name"] = f.name;
            fj["flag"] = f.flag;
            static const char* const kinds[] = {"choice", "text", "boolean", "date"};
            fj["kind"] = kinds[static_cast<int>(f.kind)];
            fj["required"] = f.required;
            fj["default"] = f.default_value ? ojson(std::string(f.default_value) == "true") : ojson(nullptr);
            fj["about"] = msg.get("events.field." + t + "." + f.name);
            fj["values"] = ojson::array();
            for (const auto& v : f.values) fj["values"].push_back({{"value", v.value}, {"aliases", v.aliases}});
            j["fields"].push_back(std::move(fj));
        }
        doc["types"].push_back(std::move(j));
    }
    return doc;
}

std::string events_text(const Messages& msg, std::optional<EventType> only) {
    std::string out = msg.get("events.title") + "\n";
    auto column = [](std::string s) { return s.size() < 24 ? s.append(24 - s.size(), ' ') : s + " "; };
    for (const auto& s : event_specs()) {
        if (only && s.type != *only) continue;
        const std::string t = event_type_name(s.type);
        std::string aliases;  // the reader's word first (item 12 of the fr/nl review), the others after
        const std::string word = first_and_others(t, s.aliases, t, msg.lang(), &aliases);
        out += "\n" + word + " — " + msg.get("events.type." + t) + "\n";
        out += "  " + msg.get("events.about." + t) + "\n";
        if (!aliases.empty()) out += "  " + msg.get("events.aliases", {{"aliases", aliases}}) + "\n";
        out += "  " + column("--date") +
               msg.get("events.field_line", {{"need", msg.get("events.required")}, {"what", msg.get("events.kind.date")}}) + "\n";
        for (const auto& f : s.fields) {
            std::string what = f.kind == FieldKind::choice ? values_line(f, " | ", msg.lang()) : msg.get(std::string("events.kind.") +
                                                                                              (f.kind == FieldKind::text ? "text" : f.kind == FieldKind::date ? "date" : "boolean"));
            std::string need = f.required ? msg.get("events.required")
                               : f.default_value ? msg.get("events.default", {{"value", msg.get(std::string("events.") + (std::string(f.default_value) == "true" ? "yes" : "no"))}})
                                                 : msg.get("events.optional");
            out += "  " + column(f.flag) + msg.get("events.field_line", {{"need", need}, {"what", what}}) + "\n";
            out += "  " + column("") + msg.get("events.field." + t + "." + f.name) + "\n";
        }
    }
    return out;
}

std::string event_flags_text(const Messages& msg) {
    std::string out;
    for (const auto& s : event_specs()) {
        const std::string t = event_type_name(s.type);
        std::string line = "  " + first_and_others(t, s.aliases, t, msg.lang());
        std::string flags;
        for (const auto& f : s.fields) flags += std::string(" ") + (f.required ? "" : "[") + f.flag + (f.required ? "" : "]");
        size_t chars = 0;  // pads by characters (« identité_établie »)
        for (unsigned char c : line) chars += (c & 0xC0) != 0x80;
        line.append(chars < 26 ? 26 - chars : 1, ' ');
        out += line + "--date" + flags + "\n";
    }
    return out;
}

}  // namespace sejour61
