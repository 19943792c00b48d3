// From a rule id to its code in two hops, and a code base a reader can hold:
//  * every implemented rule id of rules/rule-index.json has exactly one
//    "@rule <id>" marker in the sources, in the file the index names; a rule
//    not implemented has none, and names no file;
//  * every "R-..." string literal in the sources is a rule id of the index;
//  * every parameter of the rule files is read by some rule of the index;
//  * no source file over 400 lines, no function over 80 (tables excepted:
//    a function whose previous line says "layout: table").
#include "sejour61/rules.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace sejour61;
namespace fs = std::filesystem;

namespace {

const fs::path kRoot = SEJOUR61_SOURCE_DIR;

std::shared_ptr<const RuleBook> book() {
    static auto b = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    return b;
}

// The production sources: the library, its public headers, the CLI and the Python module.
std::vector<fs::path> sources() {
    std::vector<fs::path> out;
    for (const char* dir : {"src", "include", "python"}) {
        if (!fs::exists(kRoot / dir)) continue;
        for (const auto& e : fs::recursive_directory_iterator(kRoot / dir)) {
            auto ext = e.path().extension();
            if (e.is_regular_file() && (ext == ".cpp" || ext == ".hpp" || ext == ".h")) out.push_back(e.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> lines_of(const fs::path& p) {
    std::ifstream in(p);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

std::string rel(const fs::path& p) { return fs::relative(p, kRoot).generic_string(); }

}  // namespace

TEST(CodeMap, TheSourcesAreThere) {
    ASSERT_TRUE(fs::exists(kRoot / "src")) << kRoot << "/src is missing: the code map cannot be checked";
    EXPECT_GT(sources().size(), 20u);
}

TEST(CodeMap, EveryRuleIdIsImplementedInOnePlaceTheIndexNames) {
    static const std::regex marker(R"(@rule (R-[A-Z0-9/-]*[A-Z0-9]))");
    std::map<std::string, std::vector<std::string>> where;  // id -> "file:line"
    std::map<std::string, std::set<std::string>> files;
    for (const auto& p : sources()) {
        auto lines = lines_of(p);
        for (size_t i = 0; i < lines.size(); ++i)
            for (auto it = std::sregex_iterator(lines[i].begin(), lines[i].end(), marker); it != std::sregex_iterator(); ++it) {
                where[(*it)[1]].push_back(rel(p) + ":" + std::to_string(i + 1));
                files[(*it)[1]].insert(rel(p));
            }
    }
    const auto& idx = book()->rule_index();
    for (const auto& [id, places] : where) {
        ASSERT_TRUE(idx.count(id)) << "@rule " << id << " at " << places.front() << " is not in rules/rule-index.json";
    }
    int implemented = 0;
    for (const auto& [id, info] : idx) {
        if (!info.implemented) {
            EXPECT_FALSE(where.count(id)) << id << " is marked not implemented but has an @rule marker at "
                                          << where[id].front();
            EXPECT_TRUE(info.file.empty()) << id << " is not implemented but the index names " << info.file;
            continue;
        }
        ++implemented;
        ASSERT_TRUE(where.count(id)) << id << " has no @rule marker in the sources";
        std::string list;
        for (const auto& w : where[id]) list += " " + w;
        EXPECT_EQ(where[id].size(), 1u) << id << " is implemented in more than one place:" << list;
        EXPECT_EQ(info.file, *files[id].begin()) << id << ": rules/rule-index.json names " << info.file
                                                 << " but its @rule marker is in" << list;
        EXPECT_TRUE(fs::exists(kRoot / info.file)) << id << ": " << info.file << " does not exist";
    }
    EXPECT_GE(implemented, 28);
}

TEST(CodeMap, EveryRuleIdLiteralIsInTheIndex) {
    static const std::regex literal(R"re("(R-[A-Z0-9/-]*[A-Z0-9])")re");
    const auto& idx = book()->rule_index();
    int seen = 0;
    for (const auto& p : sources()) {
        auto lines = lines_of(p);
        for (size_t i = 0; i < lines.size(); ++i)
            for (auto it = std::sregex_iterator(lines[i].begin(), lines[i].end(), literal); it != std::sregex_iterator(); ++it) {
                ++seen;
                EXPECT_TRUE(idx.count((*it)[1])) << rel(p) << ":" << i + 1 << ": \"" << (*it)[1]
                                                 << "\" is not a rule id of rules/rule-index.json";
            }
    }
    EXPECT_GT(seen, 50);
}

TEST(CodeMap, EveryParameterBelongsToARule) {
    std::set<std::string> listed;
    for (const auto& [id, info] : book()->rule_index()) listed.insert(info.parameters.begin(), info.parameters.end());
    for (const auto& spec : param_specs())
        EXPECT_TRUE(listed.count(spec.key)) << "parameter " << spec.key << " is read by no rule of rules/rule-index.json";
}

TEST(CodeMap, NoSourceFileOver400LinesNoFunctionOver80) {
    // A definition starts at indentation 0 or 4 with a name and "(", and its
    // "{" ends the signature within a few lines; it ends at the "}" with the
    // same indentation.
    static const std::regex start(R"(^( {0,4})[A-Za-z_~][^;=]*\()");
    static const std::regex keyword(
        R"(^\s*(if|for|while|switch|catch|else|do|return|case|namespace|struct|class|enum|static_assert|using|typedef|template)\b)");
    for (const auto& p : sources()) {
        auto lines = lines_of(p);
        EXPECT_LE(lines.size(), 400u) << rel(p) << " has " << lines.size() << " lines";
        for (size_t i = 0; i < lines.size(); ++i) {
            std::smatch m;
            const std::string& l = lines[i];
            if (!std::regex_search(l, m, start) || std::regex_search(l, keyword)) continue;
            auto ends = [&](size_t k, char c) {
                auto e = lines[k].find_last_not_of(" \t");
                return e != std::string::npos && lines[k][e] == c;
            };
            size_t k = i;
            while (k < lines.size() && k < i + 6 && !ends(k, '{') && !ends(k, ';')) ++k;
            if (k >= lines.size() || !ends(k, '{')) continue;
            const std::string close = m[1].str() + "}";
            size_t j = k + 1;
            while (j < lines.size() && lines[j].compare(0, close.size(), close) != 0) ++j;
            bool table = i > 0 && lines[i - 1].find("layout: table") != std::string::npos;
            if (!table) {
                EXPECT_LE(j - i + 1, 80u) << rel(p) << ":" << i + 1 << ": a function of " << j - i + 1
                                          << " lines: " << l;
            }
            i = k;
        }
    }
}
