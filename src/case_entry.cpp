// A new case by flags (`sejour61 init`): the table of its fields and the
// skeleton they make, judged by the parser of src/case.cpp.
#include "sejour61/case_entry.hpp"

#include "sejour61/case.hpp"
#include "sejour61/io.hpp"

#include <set>

namespace sejour61 {

using ojson = nlohmann::ordered_json;

// layout: table
const std::vector<CaseFieldSpec>& case_field_specs() {
    // The offence in the words of the Criminal Code: « traite des êtres
    // humains » / mensenhandel (art. 433quinquies) and « trafic des êtres
    // humains » / mensensmokkel (art. 77bis of the law of 15 December 1980).
    static const std::vector<CaseFieldSpec> specs = {
        {"id", "--id", FieldKind::text, true, {}},
        {"person.birth_date", "--birth-date", FieldKind::date, true, {}},
        {"person.nationality", "--nationality", FieldKind::text, true, {}},
        {"person.unaccompanied", "--unaccompanied", FieldKind::boolean, false, {}},
        {"person.employer_immunity", "--employer-immunity", FieldKind::boolean, false, {}},
        {"offence.type", "--offence", FieldKind::choice, true,
         {{"trafficking", {"traite", "traite_des_êtres_humains", "mensenhandel"}},
          {"smuggling", {"trafic", "trafic_des_êtres_humains", "mensensmokkel"}}}},
        {"offence.aggravating", "--aggravating", FieldKind::text, false, {}},
        {"references.prosecutor_notice", "--prosecutor-notice", FieldKind::text, false, {}},
        {"references.oe_file", "--oe-file", FieldKind::text, false, {}},
        {"references.centre_file", "--centre-file", FieldKind::text, false, {}},
        {"notes", "--notes", FieldKind::text, false, {}},
    };
    return specs;
}

namespace {

const CaseFieldSpec* spec_of_flag(const std::string& flag) {
    for (const auto& f : case_field_specs())
        if (flag == f.flag) return &f;
    return nullptr;
}

// "1,3" or "1 3": the numbers of art. 77quater; the parser judges their range.
ojson aggravating_of(const std::string& flag, const std::string& value, const Messages& msg) {
    ojson list = ojson::array();
    std::string digits;
    auto flush = [&] {
        if (digits.empty()) return;
        if (digits.size() > 3) throw CaseError(flag, msg.get("init.bad_aggravating", {{"value", value}}));
        list.push_back(std::stoi(digits));
        digits.clear();
    };
    for (char c : value) {
        if (c >= '0' && c <= '9') digits += c;
        else if (c == ',' || c == ' ') flush();
        else throw CaseError(flag, msg.get("init.bad_aggravating", {{"value", value}}));
    }
    flush();
    if (list.empty()) throw CaseError(flag, msg.get("init.bad_aggravating", {{"value", value}}));
    return list;
}

ojson value_of(const CaseFieldSpec& f, const std::string& value, const Messages& msg) {
    if (f.kind == FieldKind::choice) {
        const std::string w = normalise_word(value);
        for (const auto& v : f.values) {
            if (w == v.value) return v.value;
            for (const char* a : v.aliases)
                if (w == normalise_word(a)) return v.value;
        }
        throw CaseError(f.flag, msg.get("record.bad_value", {{"value", value}, {"values", msg.get("init.offence_values")}}));
    }
    if (std::string(f.path) == "offence.aggravating") return aggravating_of(f.flag, value, msg);
    if (std::string(f.path) == "person.nationality") {  // "ng" is NG: the code, not the case, matters
        std::string up = value;
        for (char& c : up)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        return up;
    }
    return value;
}

// `text` in lines of at most `width` columns (counted in code points), the
// lines after the first indented by `indent`.
std::string wrapped(const std::string& text, std::size_t indent, std::size_t width) {
    std::string out, word;
    std::size_t col = indent, wlen = 0;
    auto put = [&] {
        if (word.empty()) return;
        if (col > indent && col + 1 + wlen > width) {
            out += "\n" + std::string(indent, ' ');
            col = indent;
        } else if (col > indent) {
            out += ' ';
            ++col;
        }
        out += word;
        col += wlen;
        word.clear();
        wlen = 0;
    };
    for (char c : text) {
        if (c == ' ') put();
        else {
            word += c;
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++wlen;
        }
    }
    put();
    return out;
}

}  // namespace

bool is_case_flag(const std::string& flag) { return spec_of_flag(flag) != nullptr; }

bool is_case_switch(const std::string& flag) {
    const CaseFieldSpec* f = spec_of_flag(flag);
    return f && f->kind == FieldKind::boolean;
}

ojson case_skeleton(const std::vector<std::pair<std::string, std::string>>& flags, const Messages& msg) {
    ojson c = ojson::object();
    c["format"] = "sejour61.case/1";
    c["id"] = nullptr;
    c["person"] = ojson::object();
    c["offence"] = ojson::object();
    std::set<std::string> seen;
    for (const auto& [flag, value] : flags) {
        const CaseFieldSpec* f = spec_of_flag(flag);
        if (!f) throw CaseError(flag, msg.get("init.unknown_flag"));
        if (!seen.insert(flag).second) throw CaseError(flag, msg.get("record.twice"));
        const std::string path = f->path;
        const auto dot = path.find('.');
        if (utf8_safe(value) != value) throw CaseError(flag, msg.get("init.bad_text"));
        ojson v = f->kind == FieldKind::boolean ? ojson(true) : value_of(*f, value, msg);
        if (dot == std::string::npos) c[path] = std::move(v);
        else c[path.substr(0, dot)][path.substr(dot + 1)] = std::move(v);
    }
    for (const auto& f : case_field_specs())
        if (f.required && !seen.count(f.flag)) throw CaseError(f.flag, msg.get("init.required"));
    c["events"] = ojson::array();
    try {
        parse_case(c.dump());  // the one judge of a case
    } catch (const CaseError& e) {
        const std::string flag = flag_of_case_path(e.path());
        throw CaseError(flag, e.said());
    }
    return c;
}

std::string flag_of_case_path(const std::string& path) {
    for (const auto& f : case_field_specs()) {
        const std::string p = f.path;
        if (path == p || path.rfind(p + "[", 0) == 0 || path.rfind(p + ".", 0) == 0) return f.flag;
    }
    if (path == "offence") return "--offence";
    return path;
}

std::string case_fields_text(const Messages& msg) {
    std::string out;
    for (const auto& f : case_field_specs()) {
        std::string line = std::string("  ") + f.flag;
        if (f.kind != FieldKind::boolean) line += " " + msg.get(std::string("init.value.") + f.flag);
        std::size_t cols = 0;  // code points, not bytes: « NUMÉRO »
        for (char c : line) cols += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        if (cols < 34) line.append(34 - cols, ' ');
        else line += "\n" + std::string(34, ' ');
        const std::string about = (f.required ? "" : msg.get("init.optional") + " ") + msg.get(std::string("init.about.") + f.flag);
        out += line + wrapped(about, 34, 100) + "\n";
    }
    return out;
}

}  // namespace sejour61
