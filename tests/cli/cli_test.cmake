# The CLI as a user types it: outputs and exit codes (interfaces.md §2).
# Run by ctest: cmake -DSEJOUR61=<binary> -DSRC=<source dir> -P cli_test.cmake
set(EX "${SRC}/examples/bxl-2026-0042.json")
set(failures 0)

function(expect name code needle)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C LANG=C ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL code)
    message(SEND_ERROR "${name}: exit ${rc}, expected ${code}\n${out}${err}")
  endif()
  string(FIND "${out}${err}" "${needle}" at)
  if(at EQUAL -1)
    message(SEND_ERROR "${name}: output lacks '${needle}'\n${out}${err}")
  endif()
endfunction()

expect(status-json 0 "\"until\": \"2026-05-01\"" ${SEJOUR61} status ${EX} --on 2026-03-01 --json)
expect(status-json-consult 0 "\"date\": \"2026-04-01\"" ${SEJOUR61} status ${EX} --on 2026-03-01 --json)
expect(status-text 0 "valid from 2 May 2026 to 1 November 2026 inclusive" ${SEJOUR61} status ${EX} --on 2026-06-01)
expect(timeline-text 0 "2 May 2026         1 November 2026    temporary stay" ${SEJOUR61} timeline ${EX} --on 2026-06-01)
expect(timeline-json 0 "\"format\": \"sejour61.timeline/1\"" ${SEJOUR61} timeline ${EX} --on 2026-06-01 --json)
expect(explain 0 "R-61/4-A" ${SEJOUR61} explain ${EX} --on 2026-06-01)
expect(validate 0 "valid case BXL-2026-0042" ${SEJOUR61} validate ${EX})
expect(rules 0 "be-2017" ${SEJOUR61} rules)
expect(rules-json 0 "\"reflection.days\"" ${SEJOUR61} rules --json)
expect(version 0 "sejour61 0.1.0" ${SEJOUR61} --version)
expect(help 0 "Exit codes" ${SEJOUR61} --help)
expect(help-next 0 "sejour61 next     CASE" ${SEJOUR61} --help)
expect(help-report 0 "-o FILE" ${SEJOUR61} --help)
expect(pinned 0 "\"regime\": \"be-2007\"" ${SEJOUR61} status ${EX} --on 2026-03-01 --rules be-2007 --json)
# Exit 1: invalid input, dates before the case or before any regime.
expect(not-started 1 "the case has not started on 2026-01-04" ${SEJOUR61} status ${EX} --on 2026-01-04)
expect(not-started-json 1 "\"code\": \"input\"" ${SEJOUR61} status ${EX} --on 2026-01-04 --json)
expect(missing-file 1 "cannot read" ${SEJOUR61} status ${SRC}/no-such-case.json --on 2026-01-04)
# Exit 2: usage errors, unknown regime or reform.
expect(unknown-regime 2 "unknown regime \"be-1999\"" ${SEJOUR61} status ${EX} --rules be-1999)
expect(unknown-reform 2 "unknown reform \"free-for-all\"" ${SEJOUR61} status ${EX} --reform free-for-all)
expect(bad-on 2 "--on \"2026-02-30\" is not a calendar date" ${SEJOUR61} status ${EX} --on 2026-02-30)
expect(no-command 2 "Usage:" ${SEJOUR61})
expect(unknown-command 2 "unknown command" ${SEJOUR61} frobnicate ${EX})
expect(unknown-option 2 "unknown option --colour" ${SEJOUR61} status ${EX} --colour)
expect(bad-lang 2 "--lang: \"de\" is not a language of the rule files (en, fr, nl)" ${SEJOUR61} status ${EX} --lang de)
# Exit 3: rule files missing.
expect(no-rules 3 "rule directory not found" ${SEJOUR61} status ${EX} --rules-dir /nonexistent)

# Standard input, and a malformed case on standard input.
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/bad-case.json" "{\"format\": \"sejour61.case/1\", \"id\": \"X\"}")
execute_process(COMMAND ${SEJOUR61} validate - INPUT_FILE "${CMAKE_CURRENT_BINARY_DIR}/bad-case.json"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "person: is required")
  message(SEND_ERROR "validate - : exit ${rc}: ${err}")
endif()
execute_process(COMMAND ${SEJOUR61} status - --on 2026-03-01 --json INPUT_FILE "${EX}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\"state\": \"provisional\"")
  message(SEND_ERROR "status - : exit ${rc}: ${out}")
endif()

# compare: columns from --rules and --reform.
set(MENA "${SRC}/examples/mena-never-cooperates.json")
expect(compare-text 0 "First divergence on 7 April 2026:" ${SEJOUR61} compare ${MENA} --on 2026-12-31 --reform mena-unconditional)
expect(compare-json 0 "\"days_with_document\": 360" ${SEJOUR61} compare ${MENA} --on 2026-12-31 --rules in-force --rules in-force+mena-unconditional --json)
expect(compare-one 2 "compare needs at least two rule sets" ${SEJOUR61} compare ${MENA} --on 2026-12-31)
expect(compare-unknown 2 "unknown reform \"nope\"" ${SEJOUR61} compare ${MENA} --on 2026-12-31 --reform nope)
expect(status-two-rules 2 "--rules given twice" ${SEJOUR61} status ${MENA} --rules be-2017 --rules be-2007)
expect(reform-as-of 0 "\"from\": \"2026-07-07\"" ${SEJOUR61} status ${MENA} --on 2026-07-07 --reform mena-unconditional@2026-05-01 --json)

# next, languages, graph.
expect(next-fr 0 "L'Office des étrangers (OE) doit" ${SEJOUR61} next ${EX} --on 2026-03-01 --lang fr)
expect(next-nl 0 "attest van immatriculatie (model A) geldig tot en met 1 mei 2026" ${SEJOUR61} next ${EX} --on 2026-03-01 --lang nl)
expect(next-json 0 "\"format\": \"sejour61.next/1\"" ${SEJOUR61} next ${EX} --on 2026-03-01 --json)
expect(status-fr 0 "valable du 1er février 2026 au 1er mai 2026 inclus" ${SEJOUR61} status ${EX} --on 2026-03-01 --lang fr)
expect(timeline-nl 0 "tijdelijk verblijf" ${SEJOUR61} timeline ${EX} --on 2026-06-01 --lang nl)
expect(graph-dot 0 "provisional -> temporary [label=\"document_end [conditions 1-4 hold]\\nR-61/4-A\"]" ${SEJOUR61} graph)
expect(graph-mermaid 0 "stateDiagram-v2" ${SEJOUR61} graph --format mermaid --rules be-2007)
expect(graph-bad-format 2 "--format must be dot or mermaid" ${SEJOUR61} graph --format png)
# record: an event that changes nothing, refused with --strict, kept without, on a copy (the test of record proper is tests/python/test_record.py).
file(COPY "${EX}" DESTINATION "${CMAKE_CURRENT_BINARY_DIR}/record")
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/record/ev.json" "{\"date\": \"2026-05-21\", \"type\": \"centre_contact\", \"centre\": \"x\"}")
expect(record-strict-refused 1 "refused (R-61/2-REFLECT)" ${SEJOUR61} record "${CMAKE_CURRENT_BINARY_DIR}/record/bxl-2026-0042.json" "${CMAKE_CURRENT_BINARY_DIR}/record/ev.json" --strict)
expect(record-no-effect 0 "changes nothing in the procedure (R-61/2-REFLECT)" ${SEJOUR61} record "${CMAKE_CURRENT_BINARY_DIR}/record/bxl-2026-0042.json" "${CMAKE_CURRENT_BINARY_DIR}/record/ev.json")
expect(record-stdin-case 2 "give its path, not -" ${SEJOUR61} record - "${CMAKE_CURRENT_BINARY_DIR}/record/ev.json")
include("${CMAKE_CURRENT_LIST_DIR}/record_guided.cmake")
