// libFuzzer target: a rule file (in place of be-2017.json, or as a reform)
// through the loader, the selection of regimes and a replay.
#include "sejour61/case.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/rules.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace sejour61;
namespace fs = std::filesystem;

namespace {
std::vector<std::pair<std::string, std::string>> bundled() {
    std::vector<std::pair<std::string, std::string>> files;
    for (const char* sub : {"", "reforms"})
        for (const auto& e : fs::directory_iterator(fs::path(SEJOUR61_FUZZ_RULES_DIR) / sub))
            if (e.path().extension() == ".json") {
                std::ifstream in(e.path());
                std::stringstream ss;
                ss << in.rdbuf();
                files.emplace_back((std::string(sub).empty() ? "" : std::string(sub) + "/") + e.path().filename().string(),
                                   ss.str());
            }
    return files;
}
const char* kCase = R"({"format": "sejour61.case/1", "id": "F", "person": {"birth_date": "2010-02-28", "nationality": "HR",
  "unaccompanied": true, "employer_immunity": true}, "offence": {"type": "smuggling", "aggravating": [1]}, "events": [
  {"date": "2016-01-05", "type": "indications", "by": "police"},
  {"date": "2016-01-06", "type": "centre_contact", "centre": "x"},
  {"date": "2016-02-01", "type": "cooperation", "form": "complaint"},
  {"date": "2016-03-10", "type": "identity_established"},
  {"date": "2018-04-02", "type": "prosecutor_opinion", "by": "prosecutor", "victim": true,
   "proceedings_ongoing": true, "cooperating": true},
  {"date": "2019-07-01", "type": "proceedings_ended", "outcome": "immunity"},
  {"date": "2019-07-05", "type": "labour_proceedings", "status": "pending"},
  {"date": "2020-03-01", "type": "conviction"}]})";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const auto base = bundled();
    static const Case c = parse_case(kCase);
    std::string text(reinterpret_cast<const char*>(data), size);
    for (const char* target : {"be-2017.json", "reforms/mena-unconditional.json"}) {
        auto files = base;
        for (auto& f : files)
            if (f.first == target) f.second = text;
        try {
            auto book = RuleBook::from_texts("fuzz", files);
            std::vector<std::string> reforms;
            for (const auto& r : book->reforms()) reforms.push_back(r.id);
            for (const auto& pinned : {std::optional<std::string>{}, std::optional<std::string>{book->regimes().front().id}}) {
                Selection sel(book, pinned, reforms);
                for (const char* on : {"2016-01-06", "2017-05-20", "2021-01-01"}) {
                    try {
                        (void)replay(c, sel, *parse_date(on));
                    } catch (const QueryError&) {
                    }
                }
            }
        } catch (const RulesError&) {
        } catch (const UnknownRuleSet&) {
        }
    }
    return 0;
}
