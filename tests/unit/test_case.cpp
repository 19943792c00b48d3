// Case files: every error names the JSON path and the problem; nothing is guessed.
#include "sejour61/case.hpp"

#include "case_fixture.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace sejour61;
using nlohmann::json;

namespace {

json base() { return test::minimal_case(); }

std::string error_of_text(const std::string& text) {
    try {
        parse_case(text);
    } catch (const CaseError& e) {
        return e.what();
    }
    return "";
}
std::string error_of(const json& j) { return error_of_text(j.dump()); }

}  // namespace

TEST(CaseParse, AcceptsTheContractExample) {
    json j = base();
    j["events"].push_back({{"date", "2026-02-01"}, {"type", "cooperation"}, {"form", "complaint"}});
    j["events"].push_back({{"date", "2026-04-02"}, {"type", "prosecutor_opinion"}, {"by", "prosecutor"},
                           {"victim", true}, {"proceedings_ongoing", true}, {"cooperating", true}});
    Case c = parse_case(j.dump());
    EXPECT_EQ(c.id, "T-1");
    EXPECT_EQ(c.events.size(), 4u);
    EXPECT_TRUE(c.events[3].qualification_clear);  // default
    EXPECT_FALSE(c.person.unaccompanied);
    EXPECT_FALSE(c.out_of_order);
}

TEST(CaseErrors, ImpossibleDateNamesThePath) {
    json j = base();
    j["events"].push_back({{"date", "2026-02-30"}, {"type", "identity_established"}});
    EXPECT_EQ(error_of(j), "events[2].date: \"2026-02-30\" is not a calendar date");
}

TEST(CaseErrors, UnknownFieldsAndTypes) {
    json j = base();
    j["events"][1]["colour"] = "red";
    EXPECT_EQ(error_of(j), "events[1].colour: unknown field");
    j = base();
    j["person"]["name"] = "Jane Doe";
    EXPECT_EQ(error_of(j), "person.name: unknown field");
    j = base();
    j["events"][1]["type"] = "teleportation";
    EXPECT_EQ(error_of(j).rfind("events[1].type: unknown event type (expected one of: indications,", 0), 0u)
        << error_of(j);
    j = base();
    j["extra"] = 1;
    EXPECT_EQ(error_of(j), "extra: unknown field");
}

TEST(CaseErrors, MissingAndWrongTypedFields) {
    json j = base();
    j["person"].erase("birth_date");
    EXPECT_EQ(error_of(j), "person.birth_date: is required");
    j = base();
    j["events"][0].erase("by");
    EXPECT_EQ(error_of(j), "events[0].by: is required");
    j = base();
    j["events"].push_back({{"date", "2026-02-01"}, {"type", "prosecutor_opinion"}, {"by", "prosecutor"},
                           {"victim", "yes"}, {"proceedings_ongoing", true}, {"cooperating", true}});
    EXPECT_EQ(error_of(j), "events[2].victim: must be true or false, not a string");
    j = base();
    j["events"] = json::object();
    EXPECT_EQ(error_of(j), "events: must be an array, not an object");
    j = base();
    j["events"][0]["by"] = "army";
    EXPECT_EQ(error_of(j), "events[0].by: is not one of: police, inspection");  // the value is not echoed
    j = base();
    j["format"] = "sejour61.case/2";
    EXPECT_EQ(error_of(j), "format: is not \"sejour61.case/1\"");
    j = base();
    j["id"] = "";
    EXPECT_EQ(error_of(j), "id: must not be empty");
}

TEST(CaseErrors, OffenceShapes) {
    json j = base();
    j["offence"] = {{"type", "smuggling"}};
    EXPECT_EQ(error_of(j), "offence.aggravating: is required");
    j["offence"]["aggravating"] = json::array();
    EXPECT_EQ(error_of(j), "offence.aggravating: must be a non-empty array of numbers 1 to 5 for smuggling");
    j["offence"]["aggravating"] = {2, 6};
    EXPECT_EQ(error_of(j), "offence.aggravating[1]: 6 is not a circumstance of art. 77quater (1 to 5)");
    j["offence"] = {{"type", "trafficking"}, {"aggravating", {2}}};
    EXPECT_EQ(error_of(j), "offence.aggravating: is only allowed for smuggling");
}

TEST(CaseErrors, NationalityCodes) {
    json j = base();
    j["person"]["nationality"] = "ZZ";
    EXPECT_EQ(error_of(j), "person.nationality: is not an ISO 3166-1 alpha-2 code (uppercase, e.g. \"NG\")");
    j["person"]["nationality"] = "ng";
    EXPECT_NE(error_of(j), "");
    for (const char* ok : {"XK", "XX", "EL", "UK", "GR", "GB", "BE", "CH"}) {
        j["person"]["nationality"] = ok;
        EXPECT_EQ(error_of(j), "") << ok;
    }
    j["person"]["nationality"] = "EL";
    EXPECT_EQ(parse_case(j.dump()).person.nationality, "GR");
}

TEST(CaseErrors, LabourProceedingsFavourable) {
    json j = base();
    j["events"].push_back({{"date", "2026-02-01"}, {"type", "labour_proceedings"}, {"status", "pending"}, {"favourable", true}});
    EXPECT_EQ(error_of(j), "events[2].favourable: is only allowed with status \"judgment\"");
    j["events"][2] = {{"date", "2026-02-01"}, {"type", "labour_proceedings"}, {"status", "judgment"}};
    EXPECT_EQ(error_of(j), "events[2].favourable: is required");
}

TEST(CaseErrors, MalformedJsonDuplicatedKeysAndDepth) {
    EXPECT_EQ(error_of_text("{ \"format\": "), "malformed JSON at line 1, column 13: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal");
    EXPECT_EQ(error_of_text(R"({"format": "sejour61.case/1", "format": "x"})"),
              "format: the key appears twice in one object");
    EXPECT_EQ(error_of_text(R"({"events": [{"date": "x"}, {"type": 1, "type": 2}]})"),
              "events[1].type: the key appears twice in one object");
    std::string deep(100, '[');
    std::string where;
    for (int i = 0; i < 32; ++i) where += "[0]";
    EXPECT_EQ(error_of_text(deep), where + ": nesting deeper than 32 levels (limit)");
    EXPECT_EQ(error_of_text(std::string(32, '[') + std::string(32, ']')), "(document): must be an object, not an array");
    EXPECT_EQ(error_of_text("{\"format\": tru_secret}"),
              "malformed JSON at line 1, column 15: syntax error while parsing value - invalid literal");
    EXPECT_EQ(error_of_text("[]"), "(document): must be an object, not an array");
}

TEST(CaseErrors, EventsBeforeTheCaseStarts) {
    // R-START: cooperation, identity and opinions may precede the indications; nothing else.
    json j = base();
    j["events"].push_back({{"date", "2025-12-20"}, {"type", "cooperation"}, {"form", "complaint"}});
    j["events"].push_back({{"date", "2025-12-21"}, {"type", "identity_established"}});
    EXPECT_EQ(error_of(j), "");
    j["events"].push_back({{"date", "2025-12-22"}, {"type", "conviction"}});
    EXPECT_EQ(error_of(j), "events[4]: a conviction event dated 2025-12-22 precedes the first indications (2026-01-05): "
                           "only cooperation, identity_established and prosecutor_opinion may precede the case (R-START)");
    j = base();
    j["events"].erase(0);
    EXPECT_EQ(error_of(j), "events[0]: a centre_contact event without any indications event: only cooperation, "
                           "identity_established and prosecutor_opinion may precede the case (R-START)");
}

TEST(CaseErrors, EventBeforeBirth) {
    json j = base();
    j["person"]["birth_date"] = "2026-01-06";
    EXPECT_EQ(error_of(j), "events[0].date: 2026-01-05 is before the person's birth date");
    j = base();  // an expiry before the record is valid input, warned about by the replay (R-DATE-RECORDED)
    j["events"].push_back({{"date", "2026-01-10"}, {"type", "document_issued"}, {"document", "annex15"}, {"expires", "2026-01-09"}});
    EXPECT_EQ(error_of(j), "");
}

TEST(CaseOrder, DateOrderFileOrderAndFirstIndications) {
    json j = base();
    j["events"] = json::parse(R"([
      {"date": "2026-01-06", "type": "centre_contact", "centre": "payoke"},
      {"date": "2026-01-06", "type": "identity_established"},
      {"date": "2026-01-06", "type": "indications", "by": "police"},
      {"date": "2026-01-01", "type": "cooperation", "form": "statement"}
    ])");
    Case c = parse_case(j.dump());
    EXPECT_TRUE(c.out_of_order);
    ASSERT_EQ(c.events.size(), 4u);
    EXPECT_EQ(c.events[0].type, EventType::cooperation);
    EXPECT_EQ(c.events[1].type, EventType::indications);  // first indications first on its day
    EXPECT_EQ(c.events[2].type, EventType::centre_contact);
    EXPECT_EQ(c.events[3].type, EventType::identity_established);
}

TEST(CaseErrors, PrivateTextIsNotEchoed) {
    json j = base();
    j["person"]["birth_date"] = "born in Lagos, 1999";
    std::string e = error_of(j);
    EXPECT_EQ(e.find("Lagos"), std::string::npos) << e;
    EXPECT_EQ(e, "person.birth_date: the string is not an ISO 8601 date (YYYY-MM-DD)");
}

// ---- Issue 9 item 5: the domain types carry no JSON; only the parsers'
// JSON layer and the views include nlohmann/json.
#include <filesystem>
#include <fstream>
#include <sstream>

TEST(Layers, DomainHeadersCarryNoJson) {
    namespace fs = std::filesystem;
    fs::path inc = fs::path(SEJOUR61_TEST_RULES_DIR).parent_path() / "include" / "sejour61";
    for (const char* h : {"calendar.hpp", "case.hpp", "rules.hpp", "engine.hpp", "machine.hpp", "messages.hpp",
                          "errors.hpp", "io.hpp"}) {
        std::ifstream in(inc / h);
        ASSERT_TRUE(in) << (inc / h);
        std::stringstream ss;
        ss << in.rdbuf();
        EXPECT_EQ(ss.str().find("nlohmann"), std::string::npos) << h << " mentions nlohmann/json";
    }
}
