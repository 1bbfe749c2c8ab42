import Foundation
import Testing

@testable import VaneSite

// The Mustache specification's cases (https://github.com/mustache/spec, MIT licence), for
// interpolation, sections, inverted sections, partials, comments, inheritance and set
// delimiters, written as tests of our renderer. Data and partials are given as JSON.

/// One case of the specification.
struct SpecCase: CustomTestStringConvertible, Sendable {
    var module: String
    var name: String
    var data: String
    var template: String
    var partials: String
    var expected: String
    var testDescription: String { "\(module): \(name)" }
}

struct MustacheSpecTests {
    static let cases: [SpecCase] = [
        SpecCase(
            module: "interpolation", name: "No Interpolation",
            data: "{}",
            template: "Hello from {Mustache}!\n",
            partials: "{}",
            expected: "Hello from {Mustache}!\n"),
        SpecCase(
            module: "interpolation", name: "Basic Interpolation",
            data: "{\"subject\": \"world\"}",
            template: "Hello, {{subject}}!\n",
            partials: "{}",
            expected: "Hello, world!\n"),
        SpecCase(
            module: "interpolation", name: "No Re-interpolation",
            data: "{\"template\": \"{{planet}}\", \"planet\": \"Earth\"}",
            template: "{{template}}: {{planet}}",
            partials: "{}",
            expected: "{{planet}}: Earth"),
        SpecCase(
            module: "interpolation", name: "HTML Escaping",
            data: "{\"forbidden\": \"& \\\" < >\"}",
            template: "These characters should be HTML escaped: {{forbidden}}\n",
            partials: "{}",
            expected: "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n"),
        SpecCase(
            module: "interpolation", name: "Triple Mustache",
            data: "{\"forbidden\": \"& \\\" < >\"}",
            template: "These characters should not be HTML escaped: {{{forbidden}}}\n",
            partials: "{}",
            expected: "These characters should not be HTML escaped: & \" < >\n"),
        SpecCase(
            module: "interpolation", name: "Ampersand",
            data: "{\"forbidden\": \"& \\\" < >\"}",
            template: "These characters should not be HTML escaped: {{&forbidden}}\n",
            partials: "{}",
            expected: "These characters should not be HTML escaped: & \" < >\n"),
        SpecCase(
            module: "interpolation", name: "Basic Integer Interpolation",
            data: "{\"mph\": 85}",
            template: "\"{{mph}} miles an hour!\"",
            partials: "{}",
            expected: "\"85 miles an hour!\""),
        SpecCase(
            module: "interpolation", name: "Triple Mustache Integer Interpolation",
            data: "{\"mph\": 85}",
            template: "\"{{{mph}}} miles an hour!\"",
            partials: "{}",
            expected: "\"85 miles an hour!\""),
        SpecCase(
            module: "interpolation", name: "Ampersand Integer Interpolation",
            data: "{\"mph\": 85}",
            template: "\"{{&mph}} miles an hour!\"",
            partials: "{}",
            expected: "\"85 miles an hour!\""),
        SpecCase(
            module: "interpolation", name: "Basic Decimal Interpolation",
            data: "{\"power\": 1.21}",
            template: "\"{{power}} jiggawatts!\"",
            partials: "{}",
            expected: "\"1.21 jiggawatts!\""),
        SpecCase(
            module: "interpolation", name: "Triple Mustache Decimal Interpolation",
            data: "{\"power\": 1.21}",
            template: "\"{{{power}}} jiggawatts!\"",
            partials: "{}",
            expected: "\"1.21 jiggawatts!\""),
        SpecCase(
            module: "interpolation", name: "Ampersand Decimal Interpolation",
            data: "{\"power\": 1.21}",
            template: "\"{{&power}} jiggawatts!\"",
            partials: "{}",
            expected: "\"1.21 jiggawatts!\""),
        SpecCase(
            module: "interpolation", name: "Basic Null Interpolation",
            data: "{\"cannot\": null}",
            template: "I ({{cannot}}) be seen!",
            partials: "{}",
            expected: "I () be seen!"),
        SpecCase(
            module: "interpolation", name: "Triple Mustache Null Interpolation",
            data: "{\"cannot\": null}",
            template: "I ({{{cannot}}}) be seen!",
            partials: "{}",
            expected: "I () be seen!"),
        SpecCase(
            module: "interpolation", name: "Ampersand Null Interpolation",
            data: "{\"cannot\": null}",
            template: "I ({{&cannot}}) be seen!",
            partials: "{}",
            expected: "I () be seen!"),
        SpecCase(
            module: "interpolation", name: "Basic Context Miss Interpolation",
            data: "{}",
            template: "I ({{cannot}}) be seen!",
            partials: "{}",
            expected: "I () be seen!"),
        SpecCase(
            module: "interpolation", name: "Triple Mustache Context Miss Interpolation",
            data: "{}",
            template: "I ({{{cannot}}}) be seen!",
            partials: "{}",
            expected: "I () be seen!"),
        SpecCase(
            module: "interpolation", name: "Ampersand Context Miss Interpolation",
            data: "{}",
            template: "I ({{&cannot}}) be seen!",
            partials: "{}",
            expected: "I () be seen!"),
        SpecCase(
            module: "interpolation", name: "Dotted Names - Basic Interpolation",
            data: "{\"person\": {\"name\": \"Joe\"}}",
            template: "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"",
            partials: "{}",
            expected: "\"Joe\" == \"Joe\""),
        SpecCase(
            module: "interpolation", name: "Dotted Names - Triple Mustache Interpolation",
            data: "{\"person\": {\"name\": \"Joe\"}}",
            template: "\"{{{person.name}}}\" == \"{{#person}}{{{name}}}{{/person}}\"",
            partials: "{}",
            expected: "\"Joe\" == \"Joe\""),
        SpecCase(
            module: "interpolation", name: "Dotted Names - Ampersand Interpolation",
            data: "{\"person\": {\"name\": \"Joe\"}}",
            template: "\"{{&person.name}}\" == \"{{#person}}{{&name}}{{/person}}\"",
            partials: "{}",
            expected: "\"Joe\" == \"Joe\""),
        SpecCase(
            module: "interpolation", name: "Dotted Names - Arbitrary Depth",
            data: "{\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {\"name\": \"Phil\"}}}}}}",
            template: "\"{{a.b.c.d.e.name}}\" == \"Phil\"",
            partials: "{}",
            expected: "\"Phil\" == \"Phil\""),
        SpecCase(
            module: "interpolation", name: "Dotted Names - Broken Chains",
            data: "{\"a\": {}}",
            template: "\"{{a.b.c}}\" == \"\"",
            partials: "{}",
            expected: "\"\" == \"\""),
        SpecCase(
            module: "interpolation", name: "Dotted Names - Broken Chain Resolution",
            data: "{\"a\": {\"b\": {}}, \"c\": {\"name\": \"Jim\"}}",
            template: "\"{{a.b.c.name}}\" == \"\"",
            partials: "{}",
            expected: "\"\" == \"\""),
        SpecCase(
            module: "interpolation", name: "Dotted Names - Initial Resolution",
            data: "{\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {\"name\": \"Phil\"}}}}}, \"b\": {\"c\": {\"d\": {\"e\": {\"name\": \"Wrong\"}}}}}",
            template: "\"{{#a}}{{b.c.d.e.name}}{{/a}}\" == \"Phil\"",
            partials: "{}",
            expected: "\"Phil\" == \"Phil\""),
        SpecCase(
            module: "interpolation", name: "Dotted Names - Context Precedence",
            data: "{\"a\": {\"b\": {}}, \"b\": {\"c\": \"ERROR\"}}",
            template: "{{#a}}{{b.c}}{{/a}}",
            partials: "{}",
            expected: ""),
        SpecCase(
            module: "interpolation", name: "Dotted Names are never single keys",
            data: "{\"a.b\": \"c\"}",
            template: "{{a.b}}",
            partials: "{}",
            expected: ""),
        SpecCase(
            module: "interpolation", name: "Dotted Names - No Masking",
            data: "{\"a.b\": \"c\", \"a\": {\"b\": \"d\"}}",
            template: "{{a.b}}",
            partials: "{}",
            expected: "d"),
        SpecCase(
            module: "interpolation", name: "Implicit Iterators - Basic Interpolation",
            data: "\"world\"",
            template: "Hello, {{.}}!\n",
            partials: "{}",
            expected: "Hello, world!\n"),
        SpecCase(
            module: "interpolation", name: "Implicit Iterators - HTML Escaping",
            data: "\"& \\\" < >\"",
            template: "These characters should be HTML escaped: {{.}}\n",
            partials: "{}",
            expected: "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n"),
        SpecCase(
            module: "interpolation", name: "Implicit Iterators - Triple Mustache",
            data: "\"& \\\" < >\"",
            template: "These characters should not be HTML escaped: {{{.}}}\n",
            partials: "{}",
            expected: "These characters should not be HTML escaped: & \" < >\n"),
        SpecCase(
            module: "interpolation", name: "Implicit Iterators - Ampersand",
            data: "\"& \\\" < >\"",
            template: "These characters should not be HTML escaped: {{&.}}\n",
            partials: "{}",
            expected: "These characters should not be HTML escaped: & \" < >\n"),
        SpecCase(
            module: "interpolation", name: "Implicit Iterators - Basic Integer Interpolation",
            data: "85",
            template: "\"{{.}} miles an hour!\"",
            partials: "{}",
            expected: "\"85 miles an hour!\""),
        SpecCase(
            module: "interpolation", name: "Interpolation - Surrounding Whitespace",
            data: "{\"string\": \"---\"}",
            template: "| {{string}} |",
            partials: "{}",
            expected: "| --- |"),
        SpecCase(
            module: "interpolation", name: "Triple Mustache - Surrounding Whitespace",
            data: "{\"string\": \"---\"}",
            template: "| {{{string}}} |",
            partials: "{}",
            expected: "| --- |"),
        SpecCase(
            module: "interpolation", name: "Ampersand - Surrounding Whitespace",
            data: "{\"string\": \"---\"}",
            template: "| {{&string}} |",
            partials: "{}",
            expected: "| --- |"),
        SpecCase(
            module: "interpolation", name: "Interpolation - Standalone",
            data: "{\"string\": \"---\"}",
            template: "  {{string}}\n",
            partials: "{}",
            expected: "  ---\n"),
        SpecCase(
            module: "interpolation", name: "Triple Mustache - Standalone",
            data: "{\"string\": \"---\"}",
            template: "  {{{string}}}\n",
            partials: "{}",
            expected: "  ---\n"),
        SpecCase(
            module: "interpolation", name: "Ampersand - Standalone",
            data: "{\"string\": \"---\"}",
            template: "  {{&string}}\n",
            partials: "{}",
            expected: "  ---\n"),
        SpecCase(
            module: "interpolation", name: "Interpolation With Padding",
            data: "{\"string\": \"---\"}",
            template: "|{{ string }}|",
            partials: "{}",
            expected: "|---|"),
        SpecCase(
            module: "interpolation", name: "Triple Mustache With Padding",
            data: "{\"string\": \"---\"}",
            template: "|{{{ string }}}|",
            partials: "{}",
            expected: "|---|"),
        SpecCase(
            module: "interpolation", name: "Ampersand With Padding",
            data: "{\"string\": \"---\"}",
            template: "|{{& string }}|",
            partials: "{}",
            expected: "|---|"),
        SpecCase(
            module: "sections", name: "Truthy",
            data: "{\"boolean\": true}",
            template: "\"{{#boolean}}This should be rendered.{{/boolean}}\"",
            partials: "{}",
            expected: "\"This should be rendered.\""),
        SpecCase(
            module: "sections", name: "Falsey",
            data: "{\"boolean\": false}",
            template: "\"{{#boolean}}This should not be rendered.{{/boolean}}\"",
            partials: "{}",
            expected: "\"\""),
        SpecCase(
            module: "sections", name: "Null is falsey",
            data: "{\"null\": null}",
            template: "\"{{#null}}This should not be rendered.{{/null}}\"",
            partials: "{}",
            expected: "\"\""),
        SpecCase(
            module: "sections", name: "Context",
            data: "{\"context\": {\"name\": \"Joe\"}}",
            template: "\"{{#context}}Hi {{name}}.{{/context}}\"",
            partials: "{}",
            expected: "\"Hi Joe.\""),
        SpecCase(
            module: "sections", name: "Parent contexts",
            data: "{\"a\": \"foo\", \"b\": \"wrong\", \"sec\": {\"b\": \"bar\"}, \"c\": {\"d\": \"baz\"}}",
            template: "\"{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}\"",
            partials: "{}",
            expected: "\"foo, bar, baz\""),
        SpecCase(
            module: "sections", name: "Variable test",
            data: "{\"foo\": \"bar\"}",
            template: "\"{{#foo}}{{.}} is {{foo}}{{/foo}}\"",
            partials: "{}",
            expected: "\"bar is bar\""),
        SpecCase(
            module: "sections", name: "List Contexts",
            data:
                "{\"tops\": [{\"tname\": {\"upper\": \"A\", \"lower\": \"a\"}, \"middles\": [{\"mname\": \"1\", \"bottoms\": [{\"bname\": \"x\"}, {\"bname\": \"y\"}]}]}]}",
            template: "{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}{{tname.upper}}{{mname}}{{bname}}.{{/bottoms}}{{/middles}}{{/tops}}",
            partials: "{}",
            expected: "a1.A1x.A1y."),
        SpecCase(
            module: "sections", name: "Deeply Nested Contexts",
            data: "{\"a\": {\"one\": 1}, \"b\": {\"two\": 2}, \"c\": {\"three\": 3, \"d\": {\"four\": 4, \"five\": 5}}}",
            template:
                "{{#a}}\n{{one}}\n{{#b}}\n{{one}}{{two}}{{one}}\n{{#c}}\n{{one}}{{two}}{{three}}{{two}}{{one}}\n{{#d}}\n{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{#five}}\n{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n{{one}}{{two}}{{three}}{{four}}{{.}}6{{.}}{{four}}{{three}}{{two}}{{one}}\n{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n{{/five}}\n{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{/d}}\n{{one}}{{two}}{{three}}{{two}}{{one}}\n{{/c}}\n{{one}}{{two}}{{one}}\n{{/b}}\n{{one}}\n{{/a}}\n",
            partials: "{}",
            expected: "1\n121\n12321\n1234321\n123454321\n12345654321\n123454321\n1234321\n12321\n121\n1\n"),
        SpecCase(
            module: "sections", name: "List",
            data: "{\"list\": [{\"item\": 1}, {\"item\": 2}, {\"item\": 3}]}",
            template: "\"{{#list}}{{item}}{{/list}}\"",
            partials: "{}",
            expected: "\"123\""),
        SpecCase(
            module: "sections", name: "Empty List",
            data: "{\"list\": []}",
            template: "\"{{#list}}Yay lists!{{/list}}\"",
            partials: "{}",
            expected: "\"\""),
        SpecCase(
            module: "sections", name: "Doubled",
            data: "{\"bool\": true, \"two\": \"second\"}",
            template: "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n",
            partials: "{}",
            expected: "* first\n* second\n* third\n"),
        SpecCase(
            module: "sections", name: "Nested (Truthy)",
            data: "{\"bool\": true}",
            template: "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
            partials: "{}",
            expected: "| A B C D E |"),
        SpecCase(
            module: "sections", name: "Nested (Falsey)",
            data: "{\"bool\": false}",
            template: "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
            partials: "{}",
            expected: "| A  E |"),
        SpecCase(
            module: "sections", name: "Context Misses",
            data: "{}",
            template: "[{{#missing}}Found key 'missing'!{{/missing}}]",
            partials: "{}",
            expected: "[]"),
        SpecCase(
            module: "sections", name: "Implicit Iterator - String",
            data: "{\"list\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}",
            template: "\"{{#list}}({{.}}){{/list}}\"",
            partials: "{}",
            expected: "\"(a)(b)(c)(d)(e)\""),
        SpecCase(
            module: "sections", name: "Implicit Iterator - Integer",
            data: "{\"list\": [1, 2, 3, 4, 5]}",
            template: "\"{{#list}}({{.}}){{/list}}\"",
            partials: "{}",
            expected: "\"(1)(2)(3)(4)(5)\""),
        SpecCase(
            module: "sections", name: "Implicit Iterator - Decimal",
            data: "{\"list\": [1.1, 2.2, 3.3, 4.4, 5.5]}",
            template: "\"{{#list}}({{.}}){{/list}}\"",
            partials: "{}",
            expected: "\"(1.1)(2.2)(3.3)(4.4)(5.5)\""),
        SpecCase(
            module: "sections", name: "Implicit Iterator - Array",
            data: "{\"list\": [[1, 2, 3], [\"a\", \"b\", \"c\"]]}",
            template: "\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"",
            partials: "{}",
            expected: "\"(123)(abc)\""),
        SpecCase(
            module: "sections", name: "Implicit Iterator - HTML Escaping",
            data: "{\"list\": [\"&\", \"\\\"\", \"<\", \">\"]}",
            template: "\"{{#list}}({{.}}){{/list}}\"",
            partials: "{}",
            expected: "\"(&amp;)(&quot;)(&lt;)(&gt;)\""),
        SpecCase(
            module: "sections", name: "Implicit Iterator - Triple mustache",
            data: "{\"list\": [\"&\", \"\\\"\", \"<\", \">\"]}",
            template: "\"{{#list}}({{{.}}}){{/list}}\"",
            partials: "{}",
            expected: "\"(&)(\")(<)(>)\""),
        SpecCase(
            module: "sections", name: "Implicit Iterator - Ampersand",
            data: "{\"list\": [\"&\", \"\\\"\", \"<\", \">\"]}",
            template: "\"{{#list}}({{&.}}){{/list}}\"",
            partials: "{}",
            expected: "\"(&)(\")(<)(>)\""),
        SpecCase(
            module: "sections", name: "Implicit Iterator - Root-level",
            data: "[{\"value\": \"a\"}, {\"value\": \"b\"}]",
            template: "\"{{#.}}({{value}}){{/.}}\"",
            partials: "{}",
            expected: "\"(a)(b)\""),
        SpecCase(
            module: "sections", name: "Dotted Names - Truthy",
            data: "{\"a\": {\"b\": {\"c\": true}}}",
            template: "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"Here\"",
            partials: "{}",
            expected: "\"Here\" == \"Here\""),
        SpecCase(
            module: "sections", name: "Dotted Names - Falsey",
            data: "{\"a\": {\"b\": {\"c\": false}}}",
            template: "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"",
            partials: "{}",
            expected: "\"\" == \"\""),
        SpecCase(
            module: "sections", name: "Dotted Names - Broken Chains",
            data: "{\"a\": {}}",
            template: "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"",
            partials: "{}",
            expected: "\"\" == \"\""),
        SpecCase(
            module: "sections", name: "Surrounding Whitespace",
            data: "{\"boolean\": true}",
            template: " | {{#boolean}}\t|\t{{/boolean}} | \n",
            partials: "{}",
            expected: " | \t|\t | \n"),
        SpecCase(
            module: "sections", name: "Internal Whitespace",
            data: "{\"boolean\": true}",
            template: " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
            partials: "{}",
            expected: " |  \n  | \n"),
        SpecCase(
            module: "sections", name: "Indented Inline Sections",
            data: "{\"boolean\": true}",
            template: " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n",
            partials: "{}",
            expected: " YES\n GOOD\n"),
        SpecCase(
            module: "sections", name: "Standalone Lines",
            data: "{\"boolean\": true}",
            template: "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n",
            partials: "{}",
            expected: "| This Is\n|\n| A Line\n"),
        SpecCase(
            module: "sections", name: "Indented Standalone Lines",
            data: "{\"boolean\": true}",
            template: "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n",
            partials: "{}",
            expected: "| This Is\n|\n| A Line\n"),
        SpecCase(
            module: "sections", name: "Standalone Line Endings",
            data: "{\"boolean\": true}",
            template: "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|",
            partials: "{}",
            expected: "|\r\n|"),
        SpecCase(
            module: "sections", name: "Standalone Without Previous Line",
            data: "{\"boolean\": true}",
            template: "  {{#boolean}}\n#{{/boolean}}\n/",
            partials: "{}",
            expected: "#\n/"),
        SpecCase(
            module: "sections", name: "Standalone Without Newline",
            data: "{\"boolean\": true}",
            template: "#{{#boolean}}\n/\n  {{/boolean}}",
            partials: "{}",
            expected: "#\n/\n"),
        SpecCase(
            module: "sections", name: "Padding",
            data: "{\"boolean\": true}",
            template: "|{{# boolean }}={{/ boolean }}|",
            partials: "{}",
            expected: "|=|"),
        SpecCase(
            module: "inverted", name: "Falsey",
            data: "{\"boolean\": false}",
            template: "\"{{^boolean}}This should be rendered.{{/boolean}}\"",
            partials: "{}",
            expected: "\"This should be rendered.\""),
        SpecCase(
            module: "inverted", name: "Truthy",
            data: "{\"boolean\": true}",
            template: "\"{{^boolean}}This should not be rendered.{{/boolean}}\"",
            partials: "{}",
            expected: "\"\""),
        SpecCase(
            module: "inverted", name: "Null is falsey",
            data: "{\"null\": null}",
            template: "\"{{^null}}This should be rendered.{{/null}}\"",
            partials: "{}",
            expected: "\"This should be rendered.\""),
        SpecCase(
            module: "inverted", name: "Context",
            data: "{\"context\": {\"name\": \"Joe\"}}",
            template: "\"{{^context}}Hi {{name}}.{{/context}}\"",
            partials: "{}",
            expected: "\"\""),
        SpecCase(
            module: "inverted", name: "List",
            data: "{\"list\": [{\"n\": 1}, {\"n\": 2}, {\"n\": 3}]}",
            template: "\"{{^list}}{{n}}{{/list}}\"",
            partials: "{}",
            expected: "\"\""),
        SpecCase(
            module: "inverted", name: "Empty List",
            data: "{\"list\": []}",
            template: "\"{{^list}}Yay lists!{{/list}}\"",
            partials: "{}",
            expected: "\"Yay lists!\""),
        SpecCase(
            module: "inverted", name: "Doubled",
            data: "{\"bool\": false, \"two\": \"second\"}",
            template: "{{^bool}}\n* first\n{{/bool}}\n* {{two}}\n{{^bool}}\n* third\n{{/bool}}\n",
            partials: "{}",
            expected: "* first\n* second\n* third\n"),
        SpecCase(
            module: "inverted", name: "Nested (Falsey)",
            data: "{\"bool\": false}",
            template: "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |",
            partials: "{}",
            expected: "| A B C D E |"),
        SpecCase(
            module: "inverted", name: "Nested (Truthy)",
            data: "{\"bool\": true}",
            template: "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |",
            partials: "{}",
            expected: "| A  E |"),
        SpecCase(
            module: "inverted", name: "Context Misses",
            data: "{}",
            template: "[{{^missing}}Cannot find key 'missing'!{{/missing}}]",
            partials: "{}",
            expected: "[Cannot find key 'missing'!]"),
        SpecCase(
            module: "inverted", name: "Dotted Names - Truthy",
            data: "{\"a\": {\"b\": {\"c\": true}}}",
            template: "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"\"",
            partials: "{}",
            expected: "\"\" == \"\""),
        SpecCase(
            module: "inverted", name: "Dotted Names - Falsey",
            data: "{\"a\": {\"b\": {\"c\": false}}}",
            template: "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"",
            partials: "{}",
            expected: "\"Not Here\" == \"Not Here\""),
        SpecCase(
            module: "inverted", name: "Dotted Names - Broken Chains",
            data: "{\"a\": {}}",
            template: "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"",
            partials: "{}",
            expected: "\"Not Here\" == \"Not Here\""),
        SpecCase(
            module: "inverted", name: "Surrounding Whitespace",
            data: "{\"boolean\": false}",
            template: " | {{^boolean}}\t|\t{{/boolean}} | \n",
            partials: "{}",
            expected: " | \t|\t | \n"),
        SpecCase(
            module: "inverted", name: "Internal Whitespace",
            data: "{\"boolean\": false}",
            template: " | {{^boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
            partials: "{}",
            expected: " |  \n  | \n"),
        SpecCase(
            module: "inverted", name: "Indented Inline Sections",
            data: "{\"boolean\": false}",
            template: " {{^boolean}}NO{{/boolean}}\n {{^boolean}}WAY{{/boolean}}\n",
            partials: "{}",
            expected: " NO\n WAY\n"),
        SpecCase(
            module: "inverted", name: "Standalone Lines",
            data: "{\"boolean\": false}",
            template: "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n",
            partials: "{}",
            expected: "| This Is\n|\n| A Line\n"),
        SpecCase(
            module: "inverted", name: "Standalone Indented Lines",
            data: "{\"boolean\": false}",
            template: "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n",
            partials: "{}",
            expected: "| This Is\n|\n| A Line\n"),
        SpecCase(
            module: "inverted", name: "Standalone Line Endings",
            data: "{\"boolean\": false}",
            template: "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|",
            partials: "{}",
            expected: "|\r\n|"),
        SpecCase(
            module: "inverted", name: "Standalone Without Previous Line",
            data: "{\"boolean\": false}",
            template: "  {{^boolean}}\n^{{/boolean}}\n/",
            partials: "{}",
            expected: "^\n/"),
        SpecCase(
            module: "inverted", name: "Standalone Without Newline",
            data: "{\"boolean\": false}",
            template: "^{{^boolean}}\n/\n  {{/boolean}}",
            partials: "{}",
            expected: "^\n/\n"),
        SpecCase(
            module: "inverted", name: "Padding",
            data: "{\"boolean\": false}",
            template: "|{{^ boolean }}={{/ boolean }}|",
            partials: "{}",
            expected: "|=|"),
        SpecCase(
            module: "partials", name: "Basic Behavior",
            data: "{}",
            template: "\"{{>text}}\"",
            partials: "{\"text\": \"from partial\"}",
            expected: "\"from partial\""),
        SpecCase(
            module: "partials", name: "Failed Lookup",
            data: "{}",
            template: "\"{{>text}}\"",
            partials: "{}",
            expected: "\"\""),
        SpecCase(
            module: "partials", name: "Context",
            data: "{\"text\": \"content\"}",
            template: "\"{{>partial}}\"",
            partials: "{\"partial\": \"*{{text}}*\"}",
            expected: "\"*content*\""),
        SpecCase(
            module: "partials", name: "Recursion",
            data: "{\"content\": \"X\", \"nodes\": [{\"content\": \"Y\", \"nodes\": []}]}",
            template: "{{>node}}",
            partials: "{\"node\": \"{{content}}<{{#nodes}}{{>node}}{{/nodes}}>\"}",
            expected: "X<Y<>>"),
        SpecCase(
            module: "partials", name: "Nested",
            data: "{\"a\": \"hello\", \"b\": \"world\"}",
            template: "{{>outer}}",
            partials: "{\"outer\": \"*{{a}} {{>inner}}*\", \"inner\": \"{{b}}!\"}",
            expected: "*hello world!*"),
        SpecCase(
            module: "partials", name: "Surrounding Whitespace",
            data: "{}",
            template: "| {{>partial}} |",
            partials: "{\"partial\": \"\\t|\\t\"}",
            expected: "| \t|\t |"),
        SpecCase(
            module: "partials", name: "Inline Indentation",
            data: "{\"data\": \"|\"}",
            template: "  {{data}}  {{> partial}}\n",
            partials: "{\"partial\": \">\\n>\"}",
            expected: "  |  >\n>\n"),
        SpecCase(
            module: "partials", name: "Standalone Line Endings",
            data: "{}",
            template: "|\r\n{{>partial}}\r\n|",
            partials: "{\"partial\": \">\"}",
            expected: "|\r\n>|"),
        SpecCase(
            module: "partials", name: "Standalone Without Previous Line",
            data: "{}",
            template: "  {{>partial}}\n>",
            partials: "{\"partial\": \">\\n>\"}",
            expected: "  >\n  >>"),
        SpecCase(
            module: "partials", name: "Standalone Without Newline",
            data: "{}",
            template: ">\n  {{>partial}}",
            partials: "{\"partial\": \">\\n>\"}",
            expected: ">\n  >\n  >"),
        SpecCase(
            module: "partials", name: "Standalone Indentation",
            data: "{\"content\": \"<\\n->\"}",
            template: "\\\n {{>partial}}\n/\n",
            partials: "{\"partial\": \"|\\n{{{content}}}\\n|\\n\"}",
            expected: "\\\n |\n <\n->\n |\n/\n"),
        SpecCase(
            module: "partials", name: "Padding Whitespace",
            data: "{\"boolean\": true}",
            template: "|{{> partial }}|",
            partials: "{\"partial\": \"[]\"}",
            expected: "|[]|"),
        SpecCase(
            module: "comments", name: "Inline",
            data: "{}",
            template: "12345{{! Comment Block! }}67890",
            partials: "{}",
            expected: "1234567890"),
        SpecCase(
            module: "comments", name: "Multiline",
            data: "{}",
            template: "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n",
            partials: "{}",
            expected: "1234567890\n"),
        SpecCase(
            module: "comments", name: "Standalone",
            data: "{}",
            template: "Begin.\n{{! Comment Block! }}\nEnd.\n",
            partials: "{}",
            expected: "Begin.\nEnd.\n"),
        SpecCase(
            module: "comments", name: "Indented Standalone",
            data: "{}",
            template: "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n",
            partials: "{}",
            expected: "Begin.\nEnd.\n"),
        SpecCase(
            module: "comments", name: "Standalone Line Endings",
            data: "{}",
            template: "|\r\n{{! Standalone Comment }}\r\n|",
            partials: "{}",
            expected: "|\r\n|"),
        SpecCase(
            module: "comments", name: "Standalone Without Previous Line",
            data: "{}",
            template: "  {{! I'm Still Standalone }}\n!",
            partials: "{}",
            expected: "!"),
        SpecCase(
            module: "comments", name: "Standalone Without Newline",
            data: "{}",
            template: "!\n  {{! I'm Still Standalone }}",
            partials: "{}",
            expected: "!\n"),
        SpecCase(
            module: "comments", name: "Multiline Standalone",
            data: "{}",
            template: "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n",
            partials: "{}",
            expected: "Begin.\nEnd.\n"),
        SpecCase(
            module: "comments", name: "Indented Multiline Standalone",
            data: "{}",
            template: "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n",
            partials: "{}",
            expected: "Begin.\nEnd.\n"),
        SpecCase(
            module: "comments", name: "Indented Inline",
            data: "{}",
            template: "  12 {{! 34 }}\n",
            partials: "{}",
            expected: "  12 \n"),
        SpecCase(
            module: "comments", name: "Surrounding Whitespace",
            data: "{}",
            template: "12345 {{! Comment Block! }} 67890",
            partials: "{}",
            expected: "12345  67890"),
        SpecCase(
            module: "comments", name: "Variable Name Collision",
            data: "{\"! comment\": 1, \"! comment \": 2, \"!comment\": 3, \"comment\": 4}",
            template: "comments never show: >{{! comment }}<",
            partials: "{}",
            expected: "comments never show: ><"),
        SpecCase(
            module: "inheritance", name: "Default",
            data: "{}",
            template: "{{$title}}Default title{{/title}}\n",
            partials: "{}",
            expected: "Default title\n"),
        SpecCase(
            module: "inheritance", name: "Variable",
            data: "{\"bar\": \"baz\"}",
            template: "{{$foo}}default {{bar}} content{{/foo}}\n",
            partials: "{}",
            expected: "default baz content\n"),
        SpecCase(
            module: "inheritance", name: "Triple Mustache",
            data: "{\"bar\": \"<baz>\"}",
            template: "{{$foo}}default {{{bar}}} content{{/foo}}\n",
            partials: "{}",
            expected: "default <baz> content\n"),
        SpecCase(
            module: "inheritance", name: "Sections",
            data: "{\"bar\": {\"baz\": \"qux\"}}",
            template: "{{$foo}}default {{#bar}}{{baz}}{{/bar}} content{{/foo}}\n",
            partials: "{}",
            expected: "default qux content\n"),
        SpecCase(
            module: "inheritance", name: "Negative Sections",
            data: "{\"baz\": \"three\"}",
            template: "{{$foo}}default {{^bar}}{{baz}}{{/bar}} content{{/foo}}\n",
            partials: "{}",
            expected: "default three content\n"),
        SpecCase(
            module: "inheritance", name: "Mustache Injection",
            data: "{\"bar\": {\"baz\": \"{{qux}}\"}}",
            template: "{{$foo}}default {{#bar}}{{baz}}{{/bar}} content{{/foo}}\n",
            partials: "{}",
            expected: "default {{qux}} content\n"),
        SpecCase(
            module: "inheritance", name: "Inherit",
            data: "{}",
            template: "{{<include}}{{/include}}\n",
            partials: "{\"include\": \"{{$foo}}default content{{/foo}}\"}",
            expected: "default content"),
        SpecCase(
            module: "inheritance", name: "Overridden content",
            data: "{}",
            template: "{{<super}}{{$title}}sub template title{{/title}}{{/super}}",
            partials: "{\"super\": \"...{{$title}}Default title{{/title}}...\"}",
            expected: "...sub template title..."),
        SpecCase(
            module: "inheritance", name: "Data does not override block",
            data: "{\"var\": \"var in data\"}",
            template: "{{<include}}{{$var}}var in template{{/var}}{{/include}}",
            partials: "{\"include\": \"{{$var}}var in include{{/var}}\"}",
            expected: "var in template"),
        SpecCase(
            module: "inheritance", name: "Data does not override block default",
            data: "{\"var\": \"var in data\"}",
            template: "{{<include}}{{/include}}",
            partials: "{\"include\": \"{{$var}}var in include{{/var}}\"}",
            expected: "var in include"),
        SpecCase(
            module: "inheritance", name: "Overridden parent",
            data: "{}",
            template: "test {{<parent}}{{$stuff}}override{{/stuff}}{{/parent}}",
            partials: "{\"parent\": \"{{$stuff}}...{{/stuff}}\"}",
            expected: "test override"),
        SpecCase(
            module: "inheritance", name: "Two overridden parents",
            data: "{}",
            template: "test {{<parent}}{{$stuff}}override1{{/stuff}}{{/parent}} {{<parent}}{{$stuff}}override2{{/stuff}}{{/parent}}\n",
            partials: "{\"parent\": \"|{{$stuff}}...{{/stuff}}{{$default}} default{{/default}}|\"}",
            expected: "test |override1 default| |override2 default|\n"),
        SpecCase(
            module: "inheritance", name: "Override parent with newlines",
            data: "{}",
            template: "{{<parent}}{{$ballmer}}\npeaked\n\n:(\n{{/ballmer}}{{/parent}}",
            partials: "{\"parent\": \"{{$ballmer}}peaking{{/ballmer}}\"}",
            expected: "peaked\n\n:(\n"),
        SpecCase(
            module: "inheritance", name: "Inherit indentation",
            data: "{}",
            template: "{{<parent}}{{$nineties}}hammer time{{/nineties}}{{/parent}}",
            partials: "{\"parent\": \"stop:\\n  {{$nineties}}collaborate and listen{{/nineties}}\\n\"}",
            expected: "stop:\n  hammer time\n"),
        SpecCase(
            module: "inheritance", name: "Only one override",
            data: "{}",
            template: "{{<parent}}{{$stuff2}}override two{{/stuff2}}{{/parent}}",
            partials: "{\"parent\": \"{{$stuff}}new default one{{/stuff}}, {{$stuff2}}new default two{{/stuff2}}\"}",
            expected: "new default one, override two"),
        SpecCase(
            module: "inheritance", name: "Parent template",
            data: "{}",
            template: "{{>parent}}|{{<parent}}{{/parent}}",
            partials: "{\"parent\": \"{{$foo}}default content{{/foo}}\"}",
            expected: "default content|default content"),
        SpecCase(
            module: "inheritance", name: "Recursion",
            data: "{}",
            template: "{{<parent}}{{$foo}}override{{/foo}}{{/parent}}",
            partials:
                "{\"parent\": \"{{$foo}}default content{{/foo}} {{$bar}}{{<parent2}}{{/parent2}}{{/bar}}\", \"parent2\": \"{{$foo}}parent2 default content{{/foo}} {{<parent}}{{$bar}}don't recurse{{/bar}}{{/parent}}\"}",
            expected: "override override override don't recurse"),
        SpecCase(
            module: "inheritance", name: "Multi-level inheritance",
            data: "{}",
            template: "{{<parent}}{{$a}}c{{/a}}{{/parent}}",
            partials:
                "{\"parent\": \"{{<older}}{{$a}}p{{/a}}{{/older}}\", \"older\": \"{{<grandParent}}{{$a}}o{{/a}}{{/grandParent}}\", \"grandParent\": \"{{$a}}g{{/a}}\"}",
            expected: "c"),
        SpecCase(
            module: "inheritance", name: "Multi-level inheritance, no sub child",
            data: "{}",
            template: "{{<parent}}{{/parent}}",
            partials:
                "{\"parent\": \"{{<older}}{{$a}}p{{/a}}{{/older}}\", \"older\": \"{{<grandParent}}{{$a}}o{{/a}}{{/grandParent}}\", \"grandParent\": \"{{$a}}g{{/a}}\"}",
            expected: "p"),
        SpecCase(
            module: "inheritance", name: "Text inside parent",
            data: "{}",
            template: "{{<parent}} asdfasd {{$foo}}hmm{{/foo}} asdfasdfasdf {{/parent}}",
            partials: "{\"parent\": \"{{$foo}}default content{{/foo}}\"}",
            expected: "hmm"),
        SpecCase(
            module: "inheritance", name: "Text inside parent",
            data: "{}",
            template: "{{<parent}} asdfasd asdfasdfasdf {{/parent}}",
            partials: "{\"parent\": \"{{$foo}}default content{{/foo}}\"}",
            expected: "default content"),
        SpecCase(
            module: "inheritance", name: "Block scope",
            data: "{\"fruit\": \"apples\", \"nested\": {\"fruit\": \"bananas\"}}",
            template: "{{<parent}}{{$block}}I say {{fruit}}.{{/block}}{{/parent}}",
            partials: "{\"parent\": \"{{#nested}}{{$block}}You say {{fruit}}.{{/block}}{{/nested}}\"}",
            expected: "I say bananas."),
        SpecCase(
            module: "inheritance", name: "Standalone parent",
            data: "{}",
            template: "Hi,\n  {{<parent}}{{/parent}}\n",
            partials: "{\"parent\": \"one\\ntwo\\n\"}",
            expected: "Hi,\n  one\n  two\n"),
        SpecCase(
            module: "inheritance", name: "Standalone block",
            data: "{}",
            template: "{{<parent}}{{$block}}\none\ntwo{{/block}}\n{{/parent}}\n",
            partials: "{\"parent\": \"Hi,\\n  {{$block}}{{/block}}\\n\"}",
            expected: "Hi,\n  one\n  two\n"),
        SpecCase(
            module: "inheritance", name: "Block reindentation",
            data: "{}",
            template: "{{<parent}}{{$block}}\n    one\n    two\n{{/block}}{{/parent}}\n",
            partials: "{\"parent\": \"Hi,\\n  {{$block}}\\n  {{/block}}\\n\"}",
            expected: "Hi,\n  one\n  two\n"),
        SpecCase(
            module: "inheritance", name: "Intrinsic indentation",
            data: "{}",
            template: "{{<parent}}{{$block}}\none\ntwo\n{{/block}}{{/parent}}\n",
            partials: "{\"parent\": \"Hi,\\n{{$block}}\\n  default\\n{{/block}}\\n\"}",
            expected: "Hi,\n  one\n  two\n"),
        SpecCase(
            module: "inheritance", name: "Nested block reindentation",
            data: "{}",
            template: "{{<parent}}{{$nested}}\nthree\n{{/nested}}{{/parent}}\n",
            partials:
                "{\"parent\": \"{{<grandparent}}{{$block}}\\n  one\\n  {{$nested}}\\n    two\\n  {{/nested}}\\n{{/block}}{{/grandparent}}\\n\", \"grandparent\": \"{{$block}}default{{/block}}\"}",
            expected: "one\n  three\n"),
        SpecCase(
            module: "delimiters", name: "Pair Behavior",
            data: "{\"text\": \"Hey!\"}",
            template: "{{=<% %>=}}(<%text%>)",
            partials: "{}",
            expected: "(Hey!)"),
        SpecCase(
            module: "delimiters", name: "Special Characters",
            data: "{\"text\": \"It worked!\"}",
            template: "({{=[ ]=}}[text])",
            partials: "{}",
            expected: "(It worked!)"),
        SpecCase(
            module: "delimiters", name: "Sections",
            data: "{\"section\": true, \"data\": \"I got interpolated.\"}",
            template: "[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|#section|\n  {{data}}\n  |data|\n|/section|\n]\n",
            partials: "{}",
            expected: "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n"),
        SpecCase(
            module: "delimiters", name: "Inverted Sections",
            data: "{\"section\": false, \"data\": \"I got interpolated.\"}",
            template: "[\n{{^section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|^section|\n  {{data}}\n  |data|\n|/section|\n]\n",
            partials: "{}",
            expected: "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n"),
        SpecCase(
            module: "delimiters", name: "Partial Inheritence",
            data: "{\"value\": \"yes\"}",
            template: "[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n",
            partials: "{\"include\": \".{{value}}.\"}",
            expected: "[ .yes. ]\n[ .yes. ]\n"),
        SpecCase(
            module: "delimiters", name: "Post-Partial Behavior",
            data: "{\"value\": \"yes\"}",
            template: "[ {{>include}} ]\n[ .{{value}}.  .|value|. ]\n",
            partials: "{\"include\": \".{{value}}. {{= | | =}} .|value|.\"}",
            expected: "[ .yes.  .yes. ]\n[ .yes.  .|value|. ]\n"),
        SpecCase(
            module: "delimiters", name: "Surrounding Whitespace",
            data: "{}",
            template: "| {{=@ @=}} |",
            partials: "{}",
            expected: "|  |"),
        SpecCase(
            module: "delimiters", name: "Outlying Whitespace (Inline)",
            data: "{}",
            template: " | {{=@ @=}}\n",
            partials: "{}",
            expected: " | \n"),
        SpecCase(
            module: "delimiters", name: "Standalone Tag",
            data: "{}",
            template: "Begin.\n{{=@ @=}}\nEnd.\n",
            partials: "{}",
            expected: "Begin.\nEnd.\n"),
        SpecCase(
            module: "delimiters", name: "Indented Standalone Tag",
            data: "{}",
            template: "Begin.\n  {{=@ @=}}\nEnd.\n",
            partials: "{}",
            expected: "Begin.\nEnd.\n"),
        SpecCase(
            module: "delimiters", name: "Standalone Line Endings",
            data: "{}",
            template: "|\r\n{{= @ @ =}}\r\n|",
            partials: "{}",
            expected: "|\r\n|"),
        SpecCase(
            module: "delimiters", name: "Standalone Without Previous Line",
            data: "{}",
            template: "  {{=@ @=}}\n=",
            partials: "{}",
            expected: "="),
        SpecCase(
            module: "delimiters", name: "Standalone Without Newline",
            data: "{}",
            template: "=\n  {{=@ @=}}",
            partials: "{}",
            expected: "=\n"),
        SpecCase(
            module: "delimiters", name: "Pair with Padding",
            data: "{}",
            template: "|{{= @   @ =}}|",
            partials: "{}",
            expected: "||"),
    ]

    @Test(arguments: MustacheSpecTests.cases)
    func specification(_ spec: SpecCase) throws {
        var library = MustacheLibrary()
        try library.register(spec.template, named: "test")
        let partials = try JSONSerialization.jsonObject(with: Data(spec.partials.utf8)) as? [String: String] ?? [:]
        for (name, text) in partials { try library.register(text, named: name) }
        let data = try JSONDecoder().decode(MustacheValue.self, from: Data(spec.data.utf8))
        #expect(library.render(data, withTemplate: "test") == spec.expected)
    }
}

/// The specification's JSON data as values: booleans stay booleans, integers integers.
extension MustacheValue: Decodable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let l = try? c.decode([MustacheValue].self) {
            self = .list(l)
        } else {
            self = .map(try c.decode([String: MustacheValue].self))
        }
    }
}

/// The search index's hand-written JSON says exactly what the generic serializer says.
struct ScriptJSONTests {
    @Test func objectsOfStringsMatchTheGenericEncoding() {
        let rows = [
            ["t": "a\u{1}\u{1f}\t\n\r\u{8}\u{c}\"\\/<>&\u{2028}\u{2029}é\u{7f}🦙", "b": "</script><!--", "k": ""],
            ["u": "entities/x.html", "a": "Alias One Two"],
        ]
        #expect(ScriptJSON.encode(rows) == ScriptJSON.encode(rows as Any))
        #expect(ScriptJSON.encode(rows[0]) == ScriptJSON.encode(rows[0] as Any))
    }
}
