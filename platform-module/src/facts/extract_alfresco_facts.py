#!/usr/bin/env python3
"""Regenerates the Alfresco fact files that the static deployment checks read.

Reads Alfresco's public sources from local bare git mirrors (no files are copied: only bean ids,
template paths, aspect names and option names are recorded, each with the tag and commit it comes
from). Only facts present in BOTH the oldest supported line (23.4) and the pinned release (25.2) are
kept, so a module that passes the checks names nothing that one of them lacks.

usage: extract_alfresco_facts.py <alfresco-community-repo.git> <alfresco-community-share.git> <acs-deployment.git>
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO_TAGS = ["25.2.0.64", "23.4.0.67"]
SHARE_TAGS = ["25.2.0.46", "23.4.0.46"]
DEPLOYMENT_TAG = "v10.0.0"  # the last acs-deployment release whose community compose pins ACS 25.2.0
HERE = Path(__file__).resolve().parent
PLATFORM_FACTS = HERE.parent / "test/resources/alfresco-facts/acs-repository.facts"
SHARE_FACTS = HERE.parents[2] / "share-module/src/test/resources/alfresco-facts/share.facts"


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True).stdout.decode("utf-8", "replace")


def commit(repo, tag):
    return git(repo, "rev-parse", tag + "^{commit}").strip()


def files(repo, tag, prefix, suffix):
    return [f for f in git(repo, "ls-tree", "-r", "--name-only", tag, "--", prefix).splitlines() if f.endswith(suffix)]


def beans(repo, tag, prefix):
    """(id, abstract) of every Spring bean declared in the XML files under prefix."""
    found = {}
    for f in files(repo, tag, prefix, ".xml"):
        try:
            root = ET.fromstring(git(repo, "show", f"{tag}:{f}").encode("utf-8"))
        except ET.ParseError:
            continue
        for el in root.iter():
            if el.tag.split("}")[-1] == "bean" and el.get("id"):
                found[el.get("id")] = el.get("abstract") == "true"
    return found


def section(name, values, comment):
    return [f"# {comment}", f"[{name}]", *sorted(values), ""]


def repository_facts(repo, deployment):
    per_tag = [beans(repo, t, "repository/src/main/resources/alfresco/") for t in REPO_TAGS]
    abstract = set.intersection(*[{b for b, a in p.items() if a} for p in per_tag])
    bootstrap = set.intersection(*[{b for b, a in p.items() if not a and b.lower().endswith("bootstrap")} for p in per_tag])
    compose = git(deployment, "show", f"{DEPLOYMENT_TAG}:docker-compose/community-compose.yaml")
    keystore = sorted(set(re.findall(r"-D((?:encryption|metadata-keystore)\.[A-Za-z.-]+)=", compose)))
    out = ["# Facts about Alfresco Content Services (community) read from its public sources; regenerate with",
           "# platform-module/src/facts/extract_alfresco_facts.py. Names only: no Alfresco file is copied.",
           "acs.version=25.2",
           *[f"source.alfresco-community-repo.{t}={commit(repo, t)}" for t in REPO_TAGS],
           f"source.acs-deployment.{DEPLOYMENT_TAG}={commit(deployment, DEPLOYMENT_TAG)}",
           ""]
    out += section("abstract-beans", abstract, "abstract beans (parents for extensions) in repository/src/main/resources/alfresco/**.xml, in every tag above")
    out += section("bootstrap-beans", bootstrap, "concrete *Bootstrap beans (targets for depends-on) in the same files, in every tag above")
    out += section("module-properties", module_keys(repo), "module.properties keys that ACS reads (ModuleDetails.PROP_*); module.depends.<id> is a prefix")
    out += section("compose-keystore-options", keystore, f"system properties acs-deployment {DEPLOYMENT_TAG} docker-compose/community-compose.yaml passes for the metadata keystore")
    return out


def module_keys(repo):
    source = git(repo, "show", f"{REPO_TAGS[0]}:repository/src/main/java/org/alfresco/service/cmr/module/ModuleDetails.java")
    return sorted(set(re.findall(r'static final String PROP_\w+ = "(module\.[a-zA-Z.]+)"', source)))


def share_facts(share, repo):
    ctx = "share/src/main/resources/alfresco/"
    evaluators = []
    controls = []
    visible = []
    for t in SHARE_TAGS:
        ev = set()
        for f in files(share, t, ctx, "-context.xml"):
            root = ET.fromstring(git(share, "show", f"{t}:{f}").encode("utf-8"))
            ev |= {el.get("id") for el in root.iter() if el.tag.split("}")[-1] == "bean" and (el.get("id") or "").startswith("evaluator.")}
        evaluators.append(ev)
        marker = "/site-webscripts"
        controls.append({f[f.index(marker) + len(marker):] for p in ("share/", "web-framework-commons/")
                         for f in files(share, t, p, ".ftl") if f"{marker}/org/alfresco/components/form/controls/" in f})
        doclib = ET.fromstring(git(share, "show", f"{t}:{ctx}share-documentlibrary-config.xml").encode("utf-8"))
        aspects = set()
        for cfg in doclib.findall("config"):
            if cfg.get("condition") == "DocumentLibrary":
                aspects |= {a.get("name") for a in cfg.findall("aspects/visible/aspect")}
        visible.append(aspects)
    out = ["# Facts about Alfresco Share (community) read from its public sources; regenerate with",
           "# platform-module/src/facts/extract_alfresco_facts.py. Names only: no Alfresco file is copied.",
           "share.version=25.2",
           *[f"source.alfresco-community-share.{t}={commit(share, t)}" for t in SHARE_TAGS],
           f"source.alfresco-community-repo.{REPO_TAGS[0]}={commit(repo, REPO_TAGS[0])}",
           ""]
    out += section("evaluator-beans", set.intersection(*evaluators), f"evaluator.* beans in {ctx}*-context.xml, in every tag above")
    out += section("form-control-templates", set.intersection(*controls), "form control templates (site-webscripts paths) in share/ and web-framework-commons/, in every tag above")
    out += section("module-properties", module_keys(repo), f"module.properties keys that alfresco-mmt reads for a Share AMP too (ModuleDetails.PROP_* of alfresco-community-repo {REPO_TAGS[0]}); module.depends.<id> is a prefix")
    out += section("stock-visible-aspects", set.intersection(*visible), f"DocumentLibrary <aspects><visible> of {ctx}share-documentlibrary-config.xml; an empty <addable>/<removeable> means 'same as visible' (config.lib.js, aspects.js)")
    return out


def main():
    repo, share, deployment = sys.argv[1:4]
    for path, lines in ((PLATFORM_FACTS, repository_facts(repo, deployment)), (SHARE_FACTS, share_facts(share, repo))):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines), encoding="utf-8")
        print(f"wrote {path} ({len(lines)} lines)")


if __name__ == "__main__":
    main()
