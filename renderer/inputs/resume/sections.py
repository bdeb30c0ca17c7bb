"""A resume's section headings: which of its lines are headings, and which section of the
profile each names.

A heading is known by its words, in English and the languages people write resumes in,
beyond the project's own locales (`Berufserfahrung`, `Expériences professionnelles`,
`Doświadczenie zawodowe`, `工作经验`), also with the words people add (`Relevant Experience`,
`Technical Projects`, `Diplômes, Formations`). A heading the words do not tell is known by its
look: the document's own heading style at the level its known headings use, the font its
known headings share, or a short line in capitals.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from renderer.inputs.headings import section_names, words
from renderer.inputs.resume.dates import find_dates
from renderer.inputs.resume.heads import kind_of
from renderer.inputs.resume.lines import Line, shouting

CONTACT = "contact"  # not a section of the profile: details for its header
CUSTOM = "custom"  # a section of the person's own

# Headings in the languages people write resumes in, beyond the locales' own words.
_MORE = {
    "summary": (
        "professional summary", "career summary", "summary of qualifications", "personal profile",
        "profile summary", "about myself", "career objective", "profil professionnel", "a propos",
        "a propos de moi", "resume", "uber mich", "kurzprofil", "zusammenfassung",
        "perfil profesional",
        "sobre mi", "resumen", "extracto", "o mnie", "podsumowanie", "profil zawodowy",
        "个人简介", "自我评价", "个人总结", "简介",
    ),
    "experience": (
        "work experience", "professional experience", "experience professionnelle", "experiences",
        "parcours professionnel", "emplois", "berufliche erfahrung", "beruflicher werdegang",
        "praktische erfahrung", "berufspraxis", "werdegang", "experiencia laboral",
        "experiencia profesional", "trayectoria profesional", "doswiadczenie",
        "doswiadczenie zawodowe", "przebieg pracy", "historia zatrudnienia", "工作经验", "工作经历",
        "实习经历", "实习经验", "职业经历", "employment",
        "work history", "professional history", "career history", "experience",
    ),
    "education": (
        "formation", "formations", "diplomes", "etudes", "cursus", "parcours scolaire",
        "parcours academique", "formation academique", "bildung", "bildungsweg", "studium",
        "schulbildung", "akademischer werdegang", "ausbildung", "educacion", "formacion",
        "formacion academica", "estudios", "wyksztalcenie", "edukacja", "教育经历", "教育背景",
        "学历", "education", "academic history", "qualifications", "academic qualifications",
    ),
    "projects": (
        "projets", "projets personnels", "projekte", "proyectos", "projekty", "项目经历",
        "项目经验", "projects", "portfolio",
    ),
    "skills": (
        "competences", "competences techniques", "competences informatiques", "savoir faire",
        "kenntnisse", "fahigkeiten", "fertigkeiten", "fachkenntnisse", "it kenntnisse",
        "habilidades", "competencias", "conocimientos", "aptitudes", "umiejetnosci",
        "kompetencje", "技能", "专业技能", "技术栈", "skills", "skill areas", "expertise",
        "core competencies", "technical proficiencies", "tech stack",
    ),
    "languages": (
        "langues", "sprachen", "sprachkenntnisse", "idiomas", "lenguas", "jezyki",
        "jezyki obce", "语言", "语言能力",
    ),
    "certifications": (
        "certificats", "zertifikate", "zertifizierungen", "weiterbildung", "certificados",
        "certyfikaty", "证书", "licenses", "licences",
    ),
    "awards": (
        "prix", "distinctions", "recompenses", "auszeichnungen", "preise", "premios",
        "reconocimientos", "nagrody", "wyroznienia", "获奖", "获奖经历", "荣誉", "achievements",
        "honors and awards", "honours and awards", "scholarships",
    ),
    "publications": (
        "publikationen", "veroffentlichungen", "publicaciones", "publikacje", "论文", "发表论文",
        "talks", "presentations",
    ),
    CONTACT: (
        "contact", "contact details", "contact information", "contacts", "coordonnees",
        "kontakt", "kontaktdaten", "contacto", "datos de contacto", "dane kontaktowe",
        "联系方式", "personal details", "personal information", "personal data",
        "persoenliche daten", "personliche daten", "informations personnelles",
        "datos personales", "dane osobowe", "个人信息",
    ),
    CUSTOM: (
        "volunteering", "volunteer", "volunteer experience", "volunteer work", "benevolat",
        "engagement", "ehrenamt", "ehrenamtliches engagement", "voluntariado", "wolontariat",
        "志愿者经历", "interests", "hobbies", "centres d interet", "centre d interet",
        "loisirs", "interessen", "hobbys", "intereses", "aficiones", "zainteresowania",
        "兴趣爱好", "references", "referenzen", "referencias", "leadership", "activities",
        "extracurricular activities", "activites", "aktivitaten", "actividades", "other",
        "sonstiges", "divers", "autres", "otros", "inne", "courses", "coursework",
    ),
}  # fmt: skip
_JOINING = {"and", "und", "et", "y", "i", "e", "en", "or", "of", "de", "des", "&"}


def _key(text: str) -> tuple[str, ...]:
    """A heading's words for comparing: plain, each without a plural's final s."""
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words(text).split())


@cache
def _names() -> dict[tuple[str, ...], str]:
    found = {_key(k): v for k, v in section_names().items()}
    for section, headings in _MORE.items():
        for heading in headings:
            found.setdefault(_key(heading), section)
    return found


def section_named(text: str, *, loosely: bool) -> str | None:
    """The section a heading's words name; loosely: also when they hold the name among a
    few words of their own (`Relevant Experience`, `Formation & Certifications`)."""
    key = _key(text.rstrip(":：").strip())
    names = _names()
    if key in names:
        return names[key]
    if not loosely or not 1 < len(key) <= 5:
        return None
    core = tuple(w for w in key if w not in _JOINING)
    for size in range(len(core), 0, -1):  # the longest run of words a name has
        for start in range(len(core) - size + 1):
            found = names.get(core[start : start + size])
            if found:
                return found
    return None


class Headings:
    """Which lines of a resume head its sections."""

    def __init__(self, lines: list[Line]) -> None:
        self.level = _section_level(lines)
        sizes = Counter(round(line.size, 1) for line in lines if line.size)
        self.body = sizes.most_common(1)[0][0] if sizes else 0.0
        known = [line for i, line in enumerate(lines) if self._named(line, i, loosely=False)]
        self.looks = {line.look for line in known if line.look and _only_headings(line.look, lines)}
        # the type size of the smallest known heading: a line in capitals set smaller is no
        # heading (an acronym, a school's name)
        self.least = min((line.size for line in known if line.size), default=0.0)

    def section(self, line: Line, index: int) -> str | None:
        """The section a line heads (a profile section, CONTACT or CUSTOM), or None."""
        if index == 0 and not self._opening_heading(line):
            return None
        if line.title or line.broken or line.heading and line.heading < self.level:
            return None
        if line.bullet and not line.heading:
            return None
        named = self._named(line, index, loosely=True)
        if named:
            return named
        text = line.words.rstrip(":：").strip()
        short = 0 < len(text.split()) <= 4 and not find_dates(text)[0] and not line.aside
        if line.heading and line.heading == self.level:
            return CUSTOM
        if short and line.look and line.look in self.looks:
            return CUSTOM
        large = not self.least or line.size >= self.least - 0.5
        if short and (shouting(text) or line.capitals) and (line.bold or not line.size) and large:
            return CUSTOM
        return None

    def is_entry_heading(self, line: Line) -> bool:
        """A heading below the sections' level: an entry's head."""
        return bool(line.heading) and line.heading > self.level

    def _named(self, line: Line, index: int, *, loosely: bool) -> str | None:
        text = line.words.rstrip(":：").strip()
        if index == 0 and not self._opening_heading(line):
            return None
        if line.title or len(text) > 50 or line.aside or find_dates(text)[0]:
            return None
        if kind_of(text):  # `Internship` under a job: its kind, not a section
            return None
        if line.heading and line.heading != self.level:
            return None
        exact = section_named(text, loosely=False)
        if exact or not loosely:
            return exact
        return section_named(text, loosely=True) if self._looks_like_one(line) else None

    def _opening_heading(self, line: Line) -> bool:
        """Whether the first line is a section's heading (a resume with no name, its
        headings bold: `Experience`), not the person's name."""
        text = line.words.rstrip(":：").strip()
        return not line.title and line.bold and bool(section_named(text, loosely=False))

    def _looks_like_one(self, line: Line) -> bool:
        """A line set as headings are: a heading style, bold, capitals or larger type."""
        larger = bool(self.body) and line.size > self.body + 0.5
        return bool(
            line.heading
            or line.bold
            or line.capitals
            or shouting(line.words)
            or larger
            or line.look in self.looks
        )


def _section_level(lines: list[Line]) -> int:
    """The heading level a document's sections use: the level of its known headings, else
    its highest level but one used once at the top (the name as a heading)."""
    levels = sorted({line.heading for line in lines if line.heading})
    if not levels:
        return 1
    known = [
        line.heading for line in lines if line.heading and section_named(line.words, loosely=True)
    ]
    if known:
        return Counter(known).most_common(1)[0][0]
    first = [line for line in lines if line.heading == levels[0]]
    if len(first) == 1 and len(levels) > 1 and lines.index(first[0]) < 3:
        return levels[1]
    return levels[0]


def _only_headings(look: str, lines: list[Line]) -> bool:
    """Whether a look is kept for headings: no line in it has dates or runs long."""
    return all(
        len(line.words.split()) <= 6 and not line.aside and not find_dates(line.words)[0]
        for line in lines
        if line.look == look
    )
