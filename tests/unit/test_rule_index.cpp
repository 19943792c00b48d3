// rules/rule-index.json against the specification (procedure.md): every rule
// id's grade is the weakest provenance tag the specification gives any part
// of that rule ([L] law, [S] secondary, [I] interpretation), and every article
// of the 1980 law its basis cites is one the specification ties to that rule.
// Rules the specification leaves untagged are not graded by this test.
#include "sejour61/rules.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <sstream>

using namespace sejour61;

namespace {

std::vector<std::string> spec_lines() {
    std::ifstream in(SEJOUR61_SPEC);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

size_t indent_of(const std::string& l) { return l.find_first_not_of(' ') == std::string::npos ? 0 : l.find_first_not_of(' '); }
bool blank(const std::string& l) { return l.find_first_not_of(" \t") == std::string::npos; }

// Removes the bullets that define another rule id ("- **R-X** ...") and their
// continuation lines: those parts are graded with their own id.
std::string without_nested(const std::vector<std::string>& lines, size_t from, size_t to, const std::string& id) {
    std::string out;
    for (size_t i = from; i < to; ++i) {
        const std::string& l = lines[i];
        static const std::regex def(R"(^\s*- \*\*(R-[A-Z0-9/-]+)\*\*)");
        std::smatch m;
        if (i != from && std::regex_search(l, m, def) && m[1] != id) {
            size_t ind = indent_of(l);
            ++i;
            while (i < to && !blank(lines[i]) && !(indent_of(lines[i]) <= ind && lines[i].substr(indent_of(lines[i]), 2) == "- "))
                ++i;
            --i;
            continue;
        }
        out += l + "\n";
    }
    return out;
}

// The text of the specification that defines `id`: its heading's section, or
// its bold bullet or paragraph. Empty when the id is only mentioned.
std::string definition(const std::vector<std::string>& lines, const std::string& id) {
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        bool heading = !l.empty() && l[0] == '#';
        size_t at = l.find("### " + id);
        bool named = at != std::string::npos && (at + 4 + id.size() == l.size() || l[at + 4 + id.size()] == ' ');
        if (heading && (named || l.find("(" + id + ")") != std::string::npos)) {
            size_t j = i + 1;
            while (j < lines.size() && !(lines[j].size() && lines[j][0] == '#')) ++j;
            return without_nested(lines, i, j, id);
        }
    }
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        size_t ind = indent_of(l);
        std::string rest = l.substr(ind);
        if (rest.rfind("- ", 0) == 0) rest = rest.substr(2);
        if (rest.rfind("**" + id + "**", 0) != 0) continue;
        size_t j = i + 1;
        while (j < lines.size() && !blank(lines[j])) {
            std::string r = lines[j].substr(indent_of(lines[j]));
            if (indent_of(lines[j]) <= ind && (r.rfind("- ", 0) == 0 || r.rfind("**", 0) == 0 || r.rfind("#", 0) == 0)) break;
            ++j;
        }
        return without_nested(lines, i, j, id);
    }
    return "";
}

// The weakest provenance tag in `text`, as a status; "" when untagged.
std::string weakest_grade(const std::string& text) {
    static const std::regex tag(R"(\[([LSI](?:/[LSI])*)[\],])");
    std::string letters;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), tag); it != std::sregex_iterator(); ++it)
        letters += (*it)[1].str();
    if (letters.find('I') != std::string::npos) return "interpretation";
    if (letters.find('S') != std::string::npos) return "secondary";
    if (letters.find('L') != std::string::npos) return "law";
    return "";
}

std::set<std::string> articles_61(const std::string& text) {
    static const std::regex art(R"(61/[0-9])");
    std::set<std::string> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), art); it != std::sregex_iterator(); ++it)
        out.insert(it->str());
    return out;
}

std::shared_ptr<const RuleBook> book() {
    static auto b = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    return b;
}

}  // namespace

TEST(RuleIndex, GradesAreTheWeakestTagOfTheSpecification) {
    auto lines = spec_lines();
    ASSERT_FALSE(lines.empty()) << "the specification " << SEJOUR61_SPEC << " is missing: nothing to compare with";
    int graded = 0;
    for (const auto& [id, info] : book()->rule_index()) {
        // A reform's rule (R-61/3-PERSONAL, R-61/5-YEARS) is defined inside its
        // reform's bullet of §8, graded [hypothetical], without a grade of its own.
        if (!info.implemented || info.basis.rfind("reform ", 0) == 0) continue;
        std::string def = definition(lines, id);
        ASSERT_FALSE(def.empty()) << id << ": no definition found in procedure.md";
        std::string want = weakest_grade(def);
        if (want.empty()) continue;
        ++graded;
        EXPECT_EQ(info.status, want) << id << " is graded " << info.status << " in rules/rule-index.json, the spec says "
                                     << want << " in:\n" << def;
    }
    EXPECT_GE(graded, 15);
}

TEST(RuleIndex, TheSpecTiesEveryCitedArticleToItsRule) {
    auto lines = spec_lines();
    ASSERT_FALSE(lines.empty()) << "the specification " << SEJOUR61_SPEC << " is missing: nothing to compare with";
    static const std::regex ref(R"(R-[A-Z0-9/-]*[A-Z0-9])");
    for (const auto& [id, info] : book()->rule_index()) {
        std::string def = definition(lines, id);
        // The articles the spec ties to the rule: in its definition, in its id,
        // and in the ids and definitions of the rules it (or its basis) refers to.
        std::set<std::string> allowed = articles_61(def + " " + id);
        std::string refs = def + " " + info.basis;
        for (auto it = std::sregex_iterator(refs.begin(), refs.end(), ref); it != std::sregex_iterator(); ++it) {
            auto more = articles_61(definition(lines, it->str()) + " " + it->str());
            allowed.insert(more.begin(), more.end());
        }
        for (const auto& a : articles_61(info.basis))
            EXPECT_TRUE(allowed.count(a)) << id << ": rules/rule-index.json cites art. " << a
                                          << " of the 1980 law, which the specification does not tie to this rule";
    }
}

TEST(RuleIndex, TheRegressionsOfTheSecondReview) {
    // Issue 14 point 5, by hand from procedure.md.
    const auto& idx = book()->rule_index();
    EXPECT_EQ(idx.at("R-61/2-END").status, "secondary");      // withdrawal [S, Directive 2004/81 art. 6(4)]
    EXPECT_EQ(idx.at("R-61/4-A").status, "secondary");        // [L/S], the conditions [S]
    EXPECT_EQ(idx.at("R-MINOR-AGE").status, "interpretation");  // 29 February [I]
    EXPECT_EQ(idx.at("R-WITHDRAW").basis.find("61/2 §4"), std::string::npos);
}
