// Scenarios a lawyer can read (tests/cases/*.json): facts in, expected states,
// documents and dates out, worked out by hand from procedure.md. They run
// through the same engine and the same JSON views as the CLI. A final test
// fails when a rule id of procedure.md is never exercised by any scenario.
#include "sejour61/case.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/rules.hpp"
#include "sejour61/views.hpp"
#include "sejour61/messages.hpp"
#include "sejour61/next.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace sejour61;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::set<std::string>& exercised() {
    static std::set<std::string> ids;
    return ids;
}

std::shared_ptr<const RuleBook> book() {
    static auto b = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    return b;
}

std::vector<fs::path> scenario_files() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(SEJOUR61_TEST_CASES_DIR))
        if (e.path().extension() == ".json") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

json compact_periods(const json& timeline) {
    json out = json::array();
    for (const auto& p : timeline["periods"])
        out.push_back(json::array({p["state"], p["document"], p["from"], p["until"]}));
    return out;
}

// A decision reads only the parameters its rule lists in rules/rule-index.json.
void reads_only_listed_parameters(const Decision& d) {
    const auto& listed = book()->rule_index().at(d.rule).parameters;
    for (const auto& p : d.params)
        EXPECT_TRUE(std::find(listed.begin(), listed.end(), p.key) != listed.end())
            << "a decision under " << d.rule << " on " << format_date(d.date) << " reads " << p.key
            << ", which rules/rule-index.json does not list for it";
}

void run_check(const json& sc, const json& check, const std::string& where) {
    SCOPED_TRACE(where);
    std::optional<std::string> pinned;
    if (sc.contains("rules")) pinned = sc["rules"].get<std::string>();
    std::vector<std::string> reforms = sc.value("reforms", std::vector<std::string>{});
    if (check.contains("rules")) pinned = check["rules"].get<std::string>();
    if (check.contains("reforms")) reforms = check["reforms"].get<std::vector<std::string>>();
    Selection sel(book(), pinned, reforms);
    Date on = *parse_date(check["on"].get<std::string>());
    std::string error;
    Outcome out;
    Case c;
    try {
        c = parse_case(sc["case"].dump());
        out = replay(c, sel, on);
    } catch (const CaseError& e) {
        error = e.what();
    } catch (const QueryError& e) {
        error = e.what();
    }
    if (check.contains("error")) {
        EXPECT_EQ(error, check["error"].get<std::string>());
        return;
    }
    ASSERT_EQ(error, "");
    for (const auto& d : out.decisions) {
        exercised().insert(d.rule);
        for (const auto& a : d.also) exercised().insert(a);
        reads_only_listed_parameters(d);
    }
    for (const auto& w : out.warnings) exercised().insert(w.rule);

    // Every message the engine produced exists in every catalogue.
    for (const char* lang : {"en", "fr", "nl"}) {
        std::string all = explain_json(out, *book(), lang).dump() + status_json(out, *book(), lang).dump();
        std::regex unknown("<(msg|warn|elig|cond|why|trig|yes|no)[^>]*>");
        std::smatch m;
        EXPECT_FALSE(std::regex_search(all, m, unknown)) << lang << ": missing message " << m.str();
    }
    json st = json::parse(status_json(out, *book()).dump());
    json tl = json::parse(timeline_json(out, *book()).dump());
    {
        // Without the explanation trace, status and timeline are the same.
        Outcome lean = replay(parse_case(sc["case"].dump()), sel, on, ReplayOptions{false});
        EXPECT_EQ(status_json(lean, *book()).dump(), status_json(out, *book()).dump());
        EXPECT_EQ(timeline_json(lean, *book()).dump(), timeline_json(out, *book()).dump());
        EXPECT_TRUE(lean.decisions.empty());
    }
    {
        // One outcome reused from scenario to scenario (as simulate reuses
        // one per thread) gives what a new one gives: nothing of the previous
        // case stays behind, traced or not.
        static Outcome reused_traced, reused_lean;
        const Case c = parse_case(sc["case"].dump());
        replay_into(reused_traced, c, sel, on);
        EXPECT_EQ(explain_json(reused_traced, *book()).dump(), explain_json(out, *book()).dump());
        EXPECT_EQ(status_json(reused_traced, *book()).dump(), status_json(out, *book()).dump());
        replay_into(reused_lean, c, sel, on, ReplayOptions{false});
        EXPECT_EQ(status_json(reused_lean, *book()).dump(), status_json(out, *book()).dump());
        EXPECT_EQ(timeline_json(reused_lean, *book()).dump(), timeline_json(out, *book()).dump());
        // Without obligations (simulate): the same periods and warnings, no deadlines.
        ReplayOptions bare;
        bare.trace = false;
        bare.obligations = false;
        replay_into(reused_lean, c, sel, on, bare);
        EXPECT_EQ(timeline_json(reused_lean, *book()).dump(), timeline_json(out, *book()).dump());
        EXPECT_EQ(reused_lean.warnings.size(), out.warnings.size());
        EXPECT_TRUE(reused_lean.deadlines.empty());
        EXPECT_TRUE(reused_lean.sensitivities.empty());
    }
    if (check.contains("state")) {
        EXPECT_EQ(st["state"], check["state"]);
    }
    if (check.contains("closure_reason")) {
        EXPECT_EQ(st["closure_reason"], check["closure_reason"]);
    }
    if (check.contains("regime")) {
        EXPECT_EQ(st["regime"], check["regime"]);
    }
    if (check.contains("minor")) {
        EXPECT_EQ(st["minor"], check["minor"]);
    }
    if (check.contains("document")) {
        const json& want = check["document"];
        if (want.is_null()) {
            EXPECT_TRUE(st["document"].is_null()) << st["document"].dump();
        } else {
            ASSERT_FALSE(st["document"].is_null());
            for (auto it = want.begin(); it != want.end(); ++it)
                EXPECT_EQ(st["document"][it.key()], it.value()) << "document." << it.key();
        }
    }
    if (check.contains("periods")) {
        EXPECT_EQ(compact_periods(tl).dump(), check["periods"].dump());
    }
    if (check.contains("deadlines")) {
        json got = json::array();
        for (const auto& d : st["deadlines"]) got.push_back(json::array({d["id"], d["date"]}));
        EXPECT_EQ(got.dump(), check["deadlines"].dump());
    }
    if (check.contains("sensitivities")) {
        json got = json::array();
        for (const auto& d : st["sensitivities"]) got.push_back(json::array({d["field"], d["convention"], d["date"]}));
        EXPECT_EQ(got.dump(), check["sensitivities"].dump());
    }
    if (check.contains("warnings")) {
        json got = json::array();
        for (const auto& w : st["warnings"]) got.push_back(w["rule"]);
        EXPECT_EQ(got.dump(), check["warnings"].dump());
    }
    if (check.contains("warning_contains")) {
        std::string all = st["warnings"].dump();
        for (const auto& s : check["warning_contains"])
            EXPECT_NE(all.find(s.get<std::string>()), std::string::npos) << s << " not in " << all;
    }
    if (check.contains("next")) {
        // [step id, actor, obligation, by-date or null], in the order given.
        static auto msg = Messages::load(SEJOUR61_TEST_RULES_DIR, "en");
        json got = json::array();
        for (const auto& st : next_steps(c, out, sel))
            got.push_back(json::array({st.id, st.actor, st.must ? "must" : "may",
                                       st.by ? json(format_date(*st.by)) : json(nullptr)}));
        EXPECT_EQ(got.dump(), check["next"].dump());
        (void)next_json(out, next_steps(c, out, sel), *book(), *msg);
    }
    if (check.contains("next_consequences")) {
        // [step id, overdue, consequence date, state, closure reason] for the steps with a consequence.
        json got = json::array();
        for (const auto& st : next_steps(c, out, sel))
            if (st.consequence)
                got.push_back(json::array({st.id, st.overdue, format_date(st.consequence->date),
                                           state_name(st.consequence->state),
                                           st.consequence->closure_reason ? json(*st.consequence->closure_reason)
                                                                          : json(nullptr)}));
        EXPECT_EQ(got.dump(), check["next_consequences"].dump());
    }
    if (check.contains("rules_applied")) {
        std::set<std::string> got;
        for (const auto& d : out.decisions) {
            got.insert(d.rule);
            for (const auto& a : d.also) got.insert(a);
        }
        for (const auto& r : check["rules_applied"]) EXPECT_TRUE(got.count(r.get<std::string>())) << r;
    }
}

}  // namespace

class Scenario : public ::testing::TestWithParam<fs::path> {};

TEST_P(Scenario, GivesTheHandWorkedResults) {
    std::ifstream in(GetParam());
    json sc = json::parse(in);
    ASSERT_EQ(sc.value("format", ""), "sejour61.scenario/1");
    ASSERT_TRUE(sc.contains("title"));
    ASSERT_TRUE(sc.contains("reasoning")) << "a scenario explains how its dates were worked out";
    ASSERT_TRUE(sc["expect"].is_array() && !sc["expect"].empty());
    for (size_t i = 0; i < sc["expect"].size(); ++i)
        run_check(sc, sc["expect"][i], GetParam().filename().string() + " expect[" + std::to_string(i) + "] on " +
                                           sc["expect"][i].value("on", "?"));
}

INSTANTIATE_TEST_SUITE_P(Cases, Scenario, ::testing::ValuesIn(scenario_files()),
                         [](const ::testing::TestParamInfo<fs::path>& info) {
                             std::string n = info.param.stem().string();
                             for (char& ch : n)
                                 if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                             return n;
                         });

// Runs after the scenarios (gtest runs suites in declaration order within a
// binary; ctest runs each test in its own process, so it replays them here).
TEST(ZCoverage, EveryRuleIdIsExercisedByAScenario) {
    if (exercised().empty()) {
        for (const auto& f : scenario_files()) {
            std::ifstream in(f);
            json sc = json::parse(in);
            for (size_t i = 0; i < sc["expect"].size(); ++i) {
                ::testing::Test::RecordProperty("replay", f.filename().string());
                // Silent replay: only collects rule ids.
                const json& check = sc["expect"][i];
                if (check.contains("error")) continue;
                std::optional<std::string> pinned;
                if (sc.contains("rules")) pinned = sc["rules"].get<std::string>();
                if (check.contains("rules")) pinned = check["rules"].get<std::string>();
                Selection sel(book(), pinned,
                              check.value("reforms", sc.value("reforms", std::vector<std::string>{})));
                Outcome out = replay(parse_case(sc["case"].dump()), sel, *parse_date(check["on"].get<std::string>()));
                for (const auto& d : out.decisions) {
                    exercised().insert(d.rule);
                    for (const auto& a : d.also) exercised().insert(a);
                    reads_only_listed_parameters(d);
                }
                for (const auto& w : out.warnings) exercised().insert(w.rule);
            }
        }
    }
    std::set<std::string> ids;
    for (const auto& [id, info] : book()->rule_index()) ids.insert(id);
    // The rule index must list exactly the ids of the specification.
    std::ifstream spec(SEJOUR61_SPEC);
    ASSERT_TRUE(spec) << "the specification " << SEJOUR61_SPEC
                      << " is missing: the rule ids cannot be compared with it (CI lays shared/ beside the checkout)";
    std::stringstream ss;
    ss << spec.rdbuf();
    std::string text = ss.str();
    std::set<std::string> spec_ids;
    std::regex re("R-[A-Z0-9/-]*[A-Z0-9]");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
        spec_ids.insert(it->str());
    EXPECT_EQ(spec_ids, ids) << "rules/rule-index.json and procedure.md list different rule ids";
    std::vector<std::string> missing;
    for (const auto& [id, info] : book()->rule_index()) {
        if (!info.implemented) {
            // Listed for the specification's sake, never applied.
            EXPECT_FALSE(exercised().count(id)) << id << " is marked not implemented but a scenario applies it";
            continue;
        }
        if (!exercised().count(id)) missing.push_back(id);
    }
    std::string list;
    for (const auto& m : missing) list += m + " ";
    EXPECT_TRUE(missing.empty()) << "rule ids never exercised by a scenario: " << list;
    EXPECT_GE(scenario_files().size(), 30u);
}
