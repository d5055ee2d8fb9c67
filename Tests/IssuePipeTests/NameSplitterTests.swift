import Testing
@testable import IssuePipe

/// Names printed without separators are cut at family names; the pipeline
/// lists its family names most common first, which decides between cuts
/// alike in lengths.
struct NameSplitterTests {
    let splitter = NameSplitter(rules: StaffRules(roles: ["审核"], surnames: "王李张梁白宋冯唐黄邓明", compoundSurnames: ["欧阳"]),
                                roster: ["贺然"])

    @Test func theCutAtCommonerFamilyNamesWins() {
        // 梁启明 + 白洁 and 梁启 + 明白洁 both start at family names; 白 is far commoner than 明.
        #expect(splitter.split("梁启明白洁") == ["梁启明", "白洁"])
        #expect(splitter.split("宋佳冯文博唐筱雯") == ["宋佳", "冯文博", "唐筱雯"])
    }

    /// A first family name OCR misread (粱 for 梁, not a family name) leaves
    /// the cut to the names after it, as when it was read right.
    @Test func aMisreadFirstFamilyNameLeavesTheCutToTheRest() {
        #expect(splitter.split("粱启明白洁") == ["粱启明", "白洁"])
        #expect(splitter.split("粱启白洁") == ["粱启", "白洁"])
        #expect(splitter.split("梁启明白洁") == ["梁启明", "白洁"])
    }

    @Test func rosterNamesAndSeparatorsStillComeFirst() {
        #expect(splitter.split("贺然黄振宇") == ["贺然", "黄振宇"])
        #expect(splitter.split("明白洁、王五") == ["明白洁", "王五"])
    }

    /// A separator OCR read as a character inside a roster name (`何和莉娟`) is
    /// the roster's name, whole; a name the roster does not hold is cut as before.
    @Test func aRosterNameWithACharacterOCRInsertedIsThatName() {
        let staff = NameSplitter(rules: StaffRules(roles: ["编辑"], surnames: "何贺金王"), roster: ["贺然", "金敏毓", "何莉娟"])
        #expect(staff.split("贺然、金敏毓、何和莉娟") == ["贺然", "金敏毓", "何莉娟"])
        #expect(staff.split("何和莉娟王五") == ["何莉娟", "王五"])
        #expect(staff.split("王大明王五") == ["王大明", "王五"])
        // A character read before a roster name that is no family name (v12002); one that is, stays a name's.
        #expect(staff.split("上贺然金敏毓何莉娟") == ["贺然", "金敏毓", "何莉娟"])
        #expect(staff.split("王贺然何莉娟") == ["王贺然", "何莉娟"])
    }

    /// A name of four characters with no compound family name, whose first is
    /// no family name and whose second is one (`有梁启明`, v12211): the first is
    /// a speck or a colon OCR read as a character, not the roster's or not.
    /// A compound family name keeps all four.
    @Test func aStrayCharacterBeforeAFamilyNameIsNoPartOfTheName() {
        let staff = NameSplitter(rules: StaffRules(roles: ["审核"], surnames: "梁白王", compoundSurnames: ["司马"]), roster: [])
        #expect(staff.split("有梁启明 白洁") == ["梁启明", "白洁"])
        #expect(staff.split("有梁启明") == ["梁启明"])
        #expect(staff.split("司马嘉禾") == ["司马嘉禾"])
        #expect(staff.split("王五 有梁启明") == ["王五", "梁启明"])
    }

    /// A staff box that parts names with a mark of its own (`staff.separators`).
    @Test func theSeparatorsAreThePipelines() {
        let plain = NameSplitter(rules: StaffRules(roles: ["审核"], surnames: "王"), roster: [])
        let own = NameSplitter(rules: StaffRules(roles: ["审核"], surnames: "王", separators: "◇"), roster: [])
        #expect(plain.split("甲乙◇丙丁") == ["甲乙丙丁"])
        #expect(own.split("甲乙◇丙丁") == ["甲乙", "丙丁"])
        #expect(plain.split("甲乙、丙丁") == ["甲乙", "丙丁"])
    }

    /// A speck OCR read as 了 between two characters of a name (`胡了晓曼`,
    /// `欧阳了晓岚林涛`, v10703, v10511) is no part of any name.
    @Test func aStrayCharacterIsLeftOutOfNames() {
        let rules = StaffRules(roles: ["编辑"], surnames: "胡田林", compoundSurnames: ["欧阳"], strayCharacters: "了")
        let staff = NameSplitter(rules: rules, roster: [])
        #expect(staff.split("田野、胡了晓曼") == ["田野", "胡晓曼"])
        #expect(staff.split("欧阳了晓岚林涛") == ["欧阳晓岚", "林涛"])
        let without = NameSplitter(rules: StaffRules(roles: ["编辑"], surnames: "胡田林", compoundSurnames: ["欧阳"]), roster: [])
        #expect(without.split("田野、胡了晓曼") != ["田野", "胡晓曼"])
    }

    /// Where the stray stood is a likely cut between names: OCR reads a family
    /// name as 了 too (`周立新了海燕赵一鸣` for 周立新孙海燕赵一鸣, v11010), and the
    /// names about it keep their lengths (not 周立, 新海燕).
    @Test func whereAStrayCharacterStoodIsALikelyCut() {
        let rules = StaffRules(roles: ["统筹"], surnames: "周赵孙", strayCharacters: "了")
        let staff = NameSplitter(rules: rules, roster: [])
        #expect(staff.split("周立新了海燕赵一鸣") == ["周立新", "海燕", "赵一鸣"])
        #expect(staff.split("周立新孙海燕赵一鸣") == ["周立新", "孙海燕", "赵一鸣"])
    }
}
