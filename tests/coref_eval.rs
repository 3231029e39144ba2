//! `kgraph eval coref`: GUM's chains read from the CoNLL-U `Entity=` column, kgraph's chains
//! scored with MUC, B³ and CEAF-e (the same figures as the scorch scorer on the chains it
//! writes), and named-antecedent accuracy.
mod common;
use common::{kgraph, stdout_of};
use std::path::Path;

/// A two-sentence document in GUM's format: "Anna Berg visited Oslo . She met Ola Dahl there ."
/// with chains Anna Berg / She and Oslo / there.
const DOC: &str = include_str!("data/invented_gum_format.conllu");

#[test]
fn a_gum_document_is_scored_and_its_chains_written() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("GUM_news_test.conllu");
    std::fs::write(&f, DOC).unwrap();
    let out_dir = d.path().join("out");
    let out = stdout_of(
        kgraph()
            .args(["eval", "coref", "--data"])
            .arg(&f)
            .arg("--predictions")
            .arg(&out_dir),
    );
    assert!(
        out.starts_with("documents 1  key chains 2  response chains 1"),
        "{out}"
    );
    // kgraph links "She" to Anna Berg (its one chain of two) and has no chain for Oslo/there
    assert!(
        out.contains("  MUC: recall 0.500  precision 1.000"),
        "{out}"
    );
    assert!(
        out.contains("named-antecedent accuracy, pronouns: 1 of 1 (1.000)"),
        "{out}"
    );
    // --verbose lists the misses after the figures: none here ("She" is Anna Berg's)
    let verbose = stdout_of(
        kgraph()
            .args(["eval", "coref", "--verbose", "--data"])
            .arg(&f),
    );
    assert!(verbose.starts_with("documents 1"), "{verbose}");
    assert!(
        verbose.contains("not linked to their named antecedent")
            && !verbose.contains("\tpronoun\t"),
        "{verbose}"
    );
    // and counts them last
    assert!(
        verbose.ends_with(
            "pronouns missed 0: 0 in no chain, 0 in another chain\n\
             descriptions missed 0: 0 in no chain, 0 in another chain\n"
        ),
        "{verbose}"
    );
    let key = std::fs::read_to_string(out_dir.join("key.json")).unwrap();
    assert!(key.contains("\"GUM_news_test:0-1\""), "{key}");
    assert!(out_dir.join("response.json").exists());
    // a malformed line names the file and line
    std::fs::write(&f, "1\tAnna\n").unwrap();
    kgraph()
        .args(["eval", "coref", "--data"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("GUM_news_test.conllu:1"));
}

/// The figures agree with scorch (the reference implementation's formulas in Python) on the
/// chains written, on GUM's test documents when ../shared is beside the checkout, else on the
/// fixture. Skipped when scorch is not installed (CI installs it).
#[test]
fn the_figures_agree_with_scorch() {
    common::require_python("scorch", "python3 -m pip install scorch");
    let d = tempfile::tempdir().unwrap();
    let gum = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/gum");
    let data = if gum.is_dir() {
        gum
    } else {
        let f = d.path().join("GUM_news_test.conllu");
        std::fs::write(&f, DOC).unwrap();
        f
    };
    let out_dir = d.path().join("out");
    let ours = stdout_of(
        kgraph()
            .args(["eval", "coref", "--data"])
            .arg(&data)
            .arg("--predictions")
            .arg(&out_dir),
    );
    let script = "import json,sys\nfrom scorch import scores\n\
        k=[set(c) for c in json.load(open(sys.argv[1]))['clusters'].values()]\n\
        r=[set(c) for c in json.load(open(sys.argv[2]))['clusters'].values()]\n\
        for n,f in [('MUC',scores.muc),('B3',scores.b_cubed),('CEAF-e',scores.ceaf_e)]:\n\
        \x20   R,P,F=f(k,r); print(f'  {n}: recall {R:.3f}  precision {P:.3f}  f1 {F:.3f}')\n";
    let py = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(out_dir.join("key.json"))
        .arg(out_dir.join("response.json"))
        .output()
        .unwrap();
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    let theirs = String::from_utf8(py.stdout).unwrap();
    for line in theirs.lines() {
        assert!(ours.contains(line), "scorch: {line}\nkgraph:\n{ours}");
    }
}

/// An interview in GUM's format: Ola Dahl met Anna Berg and asked questions; in the turns Ola
/// asks "Why did you leave?" and Anna answers "I left because it rained." ("you" and "I" are
/// Anna Berg, whom nothing else in the text makes the likelier antecedent).
const INTERVIEW: &str = "# newdoc id = GUM_interview_test
# sent_id = 1
1\tOla\tOla\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=(2-person-new-x-Ola_Dahl
2\tDahl\tDahl\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=2)
3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
4\tAnna\tAnna\tPROPN\tNNP\t_\t3\tobj\t_\tEntity=(1-person-new-x-Anna_Berg
5\tBerg\tBerg\tPROPN\tNNP\t_\t4\tflat\t_\tEntity=1)
6\tin\tin\tADP\tIN\t_\t7\tcase\t_\t_
7\tOslo\tOslo\tPROPN\tNNP\t_\t3\tobl\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# sent_id = 1b
1\tOla\tOla\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=(2-person-giv-x-Ola_Dahl
2\tDahl\tDahl\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=2)
3\tasked\task\tVERB\tVBD\t_\t0\troot\t_\t_
4\tquestions\tquestion\tNOUN\tNNS\t_\t3\tobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# sent_id = 2
# speaker = OlaDahl
1\tWhy\twhy\tADV\tWRB\t_\t4\tadvmod\t_\t_
2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_
3\tyou\tyou\tPRON\tPRP\t_\t4\tnsubj\t_\tEntity=(1-person-giv-x-Anna_Berg)
4\tleave\tleave\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
5\t?\t?\tPUNCT\t.\t_\t4\tpunct\t_\t_

# sent_id = 3
# speaker = AnnaBerg
1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\tEntity=(1-person-giv-x-Anna_Berg)
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_
3\tbecause\tbecause\tSCONJ\tIN\t_\t5\tmark\t_\t_
4\tit\tit\tPRON\tPRP\t_\t5\texpl\t_\t_
5\trained\train\tVERB\tVBD\t_\t2\tadvcl\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
";

#[test]
fn a_transcripts_turns_are_given_with_their_speakers_unless_asked_not_to() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("GUM_interview_test.conllu");
    std::fs::write(&f, INTERVIEW).unwrap();
    let run = |extra: &[&str]| {
        stdout_of(
            kgraph()
                .args(["eval", "coref", "--data"])
                .arg(&f)
                .args(extra),
        )
    };
    // "Ola Dahl: Why did you leave?" / "Anna Berg: I left ...": "you" and "I" are Anna Berg
    let out = run(&[]);
    assert!(
        out.contains("named-antecedent accuracy, pronouns: 2 of 2 (1.000)"),
        "{out}"
    );
    // as running text nothing says who they are
    let out = run(&["--no-speakers"]);
    assert!(
        out.contains("named-antecedent accuracy, pronouns: 0 of 2 (0.000)"),
        "{out}"
    );
}
