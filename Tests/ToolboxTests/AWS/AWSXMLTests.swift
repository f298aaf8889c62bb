import Testing
import Toolbox

/// The hand-written XML reader on the shapes AWS answers with.
@Suite("AWS XML reader")
struct AWSXMLTests {
    @Test func prologNamespacesAttributesAndSelfClosingElements() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment -->
            <aws:Root xmlns:aws="https://example.com/doc/" note='a > b'>
              <Empty/>
              <Spaced attribute="x" />
              <Item>one</Item><Item>two</Item>
            </aws:Root>
            """
        let root = try #require(AWSXML.parse(Array(xml.utf8)))
        #expect(root.name == "Root" && root.text == "")
        #expect(root.children.map(\.name) == ["Empty", "Spaced", "Item", "Item"])
        #expect(root.children.filter { $0.name == "Item" }.map(\.text) == ["one", "two"])
        #expect(root.child("Empty") == AWSXML.Element(name: "Empty"))
    }

    @Test func entitiesCharacterReferencesAndCDATA() throws {
        let xml =
            "<a><b>x &amp; y &lt;z&gt; &quot;q&quot; &apos;s&apos; &#233; &#x65E5; &unknown;</b><c><![CDATA[<raw> & ]]></c></a>"
        let root = try #require(AWSXML.parse(Array(xml.utf8)))
        #expect(root.child("b")?.text == "x & y <z> \"q\" 's' é 日 &unknown;")
        #expect(root.child("c")?.text == "<raw> & ")
    }

    @Test func textKeepsItsSpacesWhenThereAreNoChildren() throws {
        let root = try #require(AWSXML.parse(Array("<a><b>  padded  </b>\n</a>".utf8)))
        #expect(root.child("b")?.text == "  padded  ")
        #expect(root.descendant("b")?.text == "  padded  ")
    }

    @Test(arguments: ["", "not xml", "<a><b></a", "<a>unterminated"])
    func malformedDocumentsAreNil(_ text: String) {
        #expect(AWSXML.parse(Array(text.utf8)) == nil)
    }
}
