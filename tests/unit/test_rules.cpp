// Rule sets as data: loading, validation errors naming file and key, regimes per date.
#include "sejour61/rules.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace sejour61;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

Date D(const char* s) { return *parse_date(s); }

// A scratch copy of the real rule directory, edited by each test.
struct ScratchRules {
    fs::path dir;
    ScratchRules() {
        dir = fs::temp_directory_path() / ("s61-rules-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir);
        fs::copy(SEJOUR61_TEST_RULES_DIR, dir, fs::copy_options::recursive);
    }
    ~ScratchRules() { fs::remove_all(dir); }
    json read(const std::string& name) {
        std::ifstream in(dir / name);
        return json::parse(in);
    }
    // Edits a file and seals the directory again: the manifest check passes
    // and the content check under test is the one that speaks.
    void write(const std::string& name, const json& j) {
        write_text(name, j.dump(2));
    }
    void write_text(const std::string& name, const std::string& text) {
        fs::create_directories((dir / name).parent_path());
        std::ofstream(dir / name) << text;
        seal_rules_dir(dir.string());
    }
    std::string error() {
        try {
            RuleBook::load(dir.string());
        } catch (const RulesError& e) {
            return e.what();
        }
        return "";
    }
};

}  // namespace

TEST(Rules, LoadsTheBundledRegimes) {
    auto book = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    ASSERT_EQ(book->regimes().size(), 2u);
    EXPECT_EQ(book->regimes()[0].id, "be-2007");
    EXPECT_EQ(book->regimes()[1].id, "be-2017");
    const RuleSet& r17 = book->regimes()[1];
    EXPECT_EQ(r17.p.reflection_days, 45);
    EXPECT_EQ(r17.p.reflection_document, "annex15");
    EXPECT_EQ(book->regimes()[0].p.reflection_document, "oqt45");
    EXPECT_EQ(r17.p.provisional_months, 3);
    EXPECT_EQ(r17.p.provisional_extension_months, 3);
    EXPECT_EQ(r17.p.provisional_max_extensions, 1);
    EXPECT_EQ(r17.p.temporary_months, 6);
    EXPECT_FALSE(r17.p.temporary_max_renewals.has_value());
    EXPECT_EQ(r17.param("reflection.days").status, "law");
    EXPECT_EQ(r17.param("dates.month_convention").status, "interpretation");
    EXPECT_FALSE(r17.param("reflection.days").basis.empty());
    // Every parameter of every regime has a basis and a status.
    for (const auto& r : book->regimes())
        for (const auto& [k, p] : r.params) {
            EXPECT_FALSE(p.basis.empty()) << r.id << " " << k;
            EXPECT_TRUE(p.status == "law" || p.status == "secondary" || p.status == "interpretation");
        }
}

TEST(Rules, TempusRegitActum) {
    auto book = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    Selection sel(book, std::nullopt, {});
    EXPECT_EQ(sel.at(D("2017-05-19"))->id, "be-2007");
    EXPECT_EQ(sel.at(D("2017-05-20"))->id, "be-2017");
    EXPECT_EQ(sel.at(D("2007-06-01"))->id, "be-2007");
    EXPECT_EQ(sel.at(D("2007-05-31")), nullptr);
    EXPECT_EQ(sel.at(D("2199-12-31"))->id, "be-2017");
    Selection pinned(book, std::string("be-2007"), {});
    EXPECT_EQ(pinned.at(D("2026-01-01"))->id, "be-2007");
    EXPECT_EQ(pinned.at(D("2001-01-01"))->id, "be-2007");
    EXPECT_THROW(Selection(book, std::string("be-1999"), {}), UnknownRuleSet);
    EXPECT_THROW(Selection(book, std::nullopt, {"no-such-reform"}), UnknownRuleSet);
}

TEST(Rules, ReformOverlayWithHypotheticalDate) {
    ScratchRules s;
    s.write("reforms/test-reform.json",
            json{{"format", "sejour61.reform/1"}, {"id", "test-reform"}, {"title", "t"}, {"basis", "b"},
                 {"status", "interpretation"}, {"hypothetical_in_force", "2020-01-01"},
                 {"parameters", {{"reflection.days", {{"value", 90}, {"basis", "x"}, {"status", "interpretation"}}}}}});
    auto book = RuleBook::load(s.dir.string());
    Selection sel(book, std::nullopt, {"test-reform", "test-reform"});
    EXPECT_EQ(sel.reform_ids().size(), 1u);  // duplicates removed
    EXPECT_EQ(sel.at(D("2019-12-31"))->p.reflection_days, 45);
    EXPECT_EQ(sel.at(D("2020-01-01"))->p.reflection_days, 90);
    EXPECT_EQ(sel.at(D("2020-01-01"))->param("reflection.days").source, (s.dir / "reforms/test-reform.json").string());
}

TEST(RulesErrors, UnknownTopLevelKey) {
    ScratchRules s;
    json j = s.read("be-2017.json");
    j["colour"] = "blue";
    s.write("be-2017.json", j);
    EXPECT_EQ(s.error(), (s.dir / "be-2017.json").string() + ": colour: unknown key");
}

TEST(RulesErrors, UnknownParameter) {
    ScratchRules s;
    json j = s.read("be-2017.json");
    j["parameters"]["reflection.weeks"] = {{"value", 6}, {"basis", "x"}, {"status", "law"}};
    s.write("be-2017.json", j);
    EXPECT_EQ(s.error(), (s.dir / "be-2017.json").string() + ": parameters.\"reflection.weeks\": unknown parameter");
}

TEST(RulesErrors, WrongType) {
    ScratchRules s;
    json j = s.read("be-2007.json");
    j["parameters"]["reflection.days"]["value"] = "45";
    s.write("be-2007.json", j);
    EXPECT_EQ(s.error(), (s.dir / "be-2007.json").string() +
                             ": parameters.\"reflection.days\".value: must be an integer, not a string");
}

TEST(RulesErrors, ReflectionBelowThirtyDaysBreaksTheConvention) {
    ScratchRules s;
    json j = s.read("be-2007.json");
    j["parameters"]["reflection.days"]["value"] = 29;
    s.write("be-2007.json", j);
    EXPECT_EQ(s.error(), (s.dir / "be-2007.json").string() +
                             ": parameters.\"reflection.days\".value: must be at least reflection.min_days = 30, not 29");
}

TEST(RulesErrors, MissingBasis) {
    ScratchRules s;
    json j = s.read("be-2007.json");
    j["parameters"]["temporary.months"].erase("basis");
    s.write("be-2007.json", j);
    EXPECT_EQ(s.error(), (s.dir / "be-2007.json").string() + ": parameters.\"temporary.months\".basis: is required");
}

TEST(RulesErrors, BadStatus) {
    ScratchRules s;
    json j = s.read("be-2007.json");
    j["parameters"]["temporary.months"]["status"] = "rumour";
    s.write("be-2007.json", j);
    EXPECT_EQ(s.error(), (s.dir / "be-2007.json").string() +
                             ": parameters.\"temporary.months\".status: \"rumour\" is not one of: law, secondary, "
                             "interpretation");
}

TEST(RulesErrors, MissingParameterInARegime) {
    ScratchRules s;
    json j = s.read("be-2007.json");
    j["parameters"].erase("majority.feb29");
    s.write("be-2007.json", j);
    EXPECT_EQ(s.error(), (s.dir / "be-2007.json").string() + ": parameters.\"majority.feb29\": is required in a regime");
}

TEST(RulesErrors, OverlappingInForceRanges) {
    ScratchRules s;
    json j = s.read("be-2007.json");
    j["in_force"]["until"] = "2017-05-20";
    s.write("be-2007.json", j);
    EXPECT_EQ(s.error(), (s.dir / "be-2017.json").string() + ": in_force: 2017-05-20.. overlaps regime \"be-2007\" of " +
                             (s.dir / "be-2007.json").string() + " (2007-06-01..2017-05-20)");
}

TEST(RulesErrors, MalformedJsonAndBadDate) {
    {
        ScratchRules s;
        s.write_text("be-2017.json", "{ \"format\": ");
        EXPECT_NE(s.error().find("be-2017.json: malformed JSON"), std::string::npos) << s.error();
    }
    {
        ScratchRules s;
        json j = s.read("be-2017.json");
        j["in_force"]["from"] = "2017-02-30";
        s.write("be-2017.json", j);
        EXPECT_EQ(s.error(), (s.dir / "be-2017.json").string() + ": in_force.from: \"2017-02-30\" is not a calendar date");
    }
}

TEST(RulesErrors, MissingDirectory) {
    EXPECT_THROW(RuleBook::load("/nonexistent/sejour61"), RulesError);
}

TEST(RuleIndex, EveryRuleHasABasis) {
    auto book = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    EXPECT_EQ(book->rule_index().size(), 30u);
    size_t implemented = 0;
    for (const auto& [id, info] : book->rule_index()) {
        EXPECT_FALSE(info.basis.empty()) << id;
        implemented += info.implemented;
    }
    EXPECT_EQ(implemented, 30u);  // R-61/3-PERSONAL and R-61/5-YEARS included (residence-without-cooperation)
}

TEST(Membership, DatedTable) {
    auto book = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    EXPECT_FALSE(book->eea_national("HR", D("2013-06-30")));
    EXPECT_TRUE(book->eea_national("HR", D("2013-07-01")));
    EXPECT_TRUE(book->eea_national("GB", D("2020-01-31")));
    EXPECT_FALSE(book->eea_national("GB", D("2020-02-01")));
    EXPECT_FALSE(book->eea_national("RO", D("2006-12-31")));
    EXPECT_TRUE(book->eea_national("RO", D("2007-01-01")));
    EXPECT_TRUE(book->eea_national("CH", D("2002-06-01")));
    EXPECT_FALSE(book->eea_national("CH", D("2002-05-31")));
    EXPECT_TRUE(book->eea_national("NO", D("2010-01-01")));
    EXPECT_FALSE(book->eea_national("XK", D("2020-01-01")));
    EXPECT_FALSE(book->eea_national("NG", D("2020-01-01")));
}

// ---- Issue 13 item 1: the rule directory is complete and consistent, or refused.

TEST(RuleDirectory, AMissingFileIsRefusedNamingIt) {
    ScratchRules s;
    fs::remove(s.dir / "eu-eea.json");  // once turned a French smuggling victim eligible
    EXPECT_EQ(s.error(), (s.dir / "eu-eea.json").string() + ": listed in manifest.json but missing");
}

TEST(RuleDirectory, ATruncatedFileIsRefusedNamingIt) {
    ScratchRules s;
    std::string text;
    {
        std::ifstream in(s.dir / "rule-index.json");
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::ofstream(s.dir / "rule-index.json") << text.substr(0, text.size() / 2);
    EXPECT_NE(s.error().find((s.dir / "rule-index.json").string() + ": differs from its SHA-256 in manifest.json"),
              std::string::npos)
        << s.error();
}

TEST(RuleDirectory, MissingCataloguesAreRefused) {
    ScratchRules s;
    fs::remove_all(s.dir / "i18n");
    EXPECT_EQ(s.error(), (s.dir / "i18n/en.json").string() + ": listed in manifest.json but missing");
    seal_rules_dir(s.dir.string());  // sealed without them: still refused, by the manifest's required list
    EXPECT_NE(s.error().find("files.\"i18n/en.json\": is required in a rule directory"), std::string::npos) << s.error();
}

TEST(RuleDirectory, AnUnlistedFileIsRefused) {
    ScratchRules s;
    std::ofstream(s.dir / "reforms/extra.json") << "{}";
    EXPECT_NE(s.error().find("reforms/extra.json: not listed in manifest.json"), std::string::npos) << s.error();
}

TEST(RuleDirectory, NoManifestIsRefused) {
    ScratchRules s;
    fs::remove(s.dir / "manifest.json");
    EXPECT_NE(s.error().find("manifest.json: missing"), std::string::npos) << s.error();
}

TEST(RuleDirectory, AFifoNeverBlocksTheLoader) {
    ScratchRules s;
    fs::remove(s.dir / "i18n/nl.json");
    ASSERT_EQ(::mkfifo((s.dir / "i18n/nl.json").c_str(), 0600), 0);
    EXPECT_NE(s.error().find("i18n/nl.json: not a regular file"), std::string::npos) << s.error();
}

TEST(RuleDirectory, ASymlinkLoopIsARulesError) {
    ScratchRules s;
    fs::remove_all(s.dir / "reforms");
    fs::create_symlink(s.dir / "reforms", s.dir / "reforms");  // a loop
    EXPECT_NE(s.error().find("the rule directory cannot be listed"), std::string::npos) << s.error();
}

TEST(RuleDirectory, TheDigestCoversEveryFile) {
    ScratchRules s;
    auto before = RuleBook::load(s.dir.string())->digest();
    EXPECT_EQ(before.rfind("sha256:", 0), 0u);
    EXPECT_EQ(before.size(), 7u + 64u);
    EXPECT_EQ(before, RuleBook::load(SEJOUR61_TEST_RULES_DIR)->digest());  // same files, same digest
    json j = s.read("i18n/fr.json");
    j["messages"]["record.done"] = "enregistré";
    s.write("i18n/fr.json", j);
    EXPECT_NE(RuleBook::load(s.dir.string())->digest(), before);
}

// ---- Issue 9 item 3: regimes as dated overlays.
TEST(RegimeOverlays, Be2017ListsOnlyWhatChangedAndInheritsTheRest) {
    auto book = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    const RuleSet* b07 = nullptr;
    const RuleSet* b17 = nullptr;
    for (const auto& r : book->regimes()) (r.id == "be-2007" ? b07 : b17) = &r;
    ASSERT_TRUE(b07 && b17);
    EXPECT_EQ(b17->extends, "be-2007");
    EXPECT_EQ(b17->params.size(), b07->params.size());
    EXPECT_EQ(b17->p.reflection_document, "annex15");
    EXPECT_EQ(b17->p.reflection_days, 45);
    EXPECT_FALSE(b17->p.annex15_decree_from);
    EXPECT_EQ(b17->param("reflection.days").source, b07->file);          // inherited
    EXPECT_EQ(b17->param("reflection.document").source, b17->file);      // its own
    json raw;
    std::ifstream(b17->file) >> raw;
    EXPECT_LE(raw["parameters"].size(), 3u);  // the few lines that differ
}

TEST(RegimeOverlays, UnknownBaseAndCyclesAreErrors) {
    {
        ScratchRules s;
        json j = s.read("be-2017.json");
        j["extends"] = "be-2006";
        s.write("be-2017.json", j);
        EXPECT_EQ(s.error(), (s.dir / "be-2017.json").string() + ": extends: \"be-2006\" is not a regime of this directory");
    }
    {
        ScratchRules s;
        json a = s.read("be-2007.json");
        a["extends"] = "be-2017";
        s.write("be-2007.json", a);
        EXPECT_NE(s.error().find("leads to a cycle of regimes"), std::string::npos) << s.error();
    }
    {
        ScratchRules s;  // an overlay may not leave out what its base lacks
        json a = s.read("be-2007.json");
        a["parameters"].erase("reflection.days");
        s.write("be-2007.json", a);
        EXPECT_EQ(s.error(), (s.dir / "be-2007.json").string() + ": parameters.\"reflection.days\": is required in a regime");
    }
}
