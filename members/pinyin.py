"""Pinyin of people's names, surnames read as surnames.

pypinyin reads characters as common words do, so the surname 曾 comes out ``ceng`` and
单 ``dan``: 曾玲娟 would not be found by ``zlj``. A name's first characters are looked up
here first, compound surnames (尉迟, 万俟…) before single ones, and only the given name
is left to pypinyin.
"""

from pypinyin import Style, lazy_pinyin

# Compound surnames, each character's syllable in order.
COMPOUND_SURNAMES = {
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"),
    "欧阳": ("ou", "yang"),
    "令狐": ("ling", "hu"),
    "司马": ("si", "ma"),
    "上官": ("shang", "guan"),
    "诸葛": ("zhu", "ge"),
    "皇甫": ("huang", "fu"),
    "东方": ("dong", "fang"),
    "公孙": ("gong", "sun"),
    "慕容": ("mu", "rong"),
    "宇文": ("yu", "wen"),
    "夏侯": ("xia", "hou"),
    "赫连": ("he", "lian"),
    "呼延": ("hu", "yan"),
    "闻人": ("wen", "ren"),
    "申屠": ("shen", "tu"),
    "宗政": ("zong", "zheng"),
    "乐正": ("yue", "zheng"),
    "濮阳": ("pu", "yang"),
    "淳于": ("chun", "yu"),
    "鲜于": ("xian", "yu"),
    "公冶": ("gong", "ye"),
    "南宫": ("nan", "gong"),
    "西门": ("xi", "men"),
    "端木": ("duan", "mu"),
    "司徒": ("si", "tu"),
    "司空": ("si", "kong"),
    "独孤": ("du", "gu"),
    "钟离": ("zhong", "li"),
    "轩辕": ("xuan", "yuan"),
    "百里": ("bai", "li"),
    "拓跋": ("tuo", "ba"),
    "第五": ("di", "wu"),
}

# Single surnames whose reading differs from the character's common one.
SURNAMES = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "查": "zha",
    "朴": "piao",
    "覃": "qin",
    "盖": "ge",
    "乐": "yue",
    "缪": "miao",
    "晟": "cheng",
    "阚": "kan",
    "繁": "po",
    "秘": "bi",
    "种": "chong",
    "员": "yun",
    "那": "na",
    "祭": "zhai",
    "翟": "zhai",
    "过": "guo",
    "召": "shao",
    "纪": "ji",
    "华": "hua",
    "黑": "he",
    "折": "she",
    "隗": "wei",
    "句": "gou",
    "佴": "nai",
    "尉": "wei",
    "长": "chang",
    "重": "chong",
    "都": "du",
    "柏": "bai",
    "薄": "bo",
    "卜": "bu",
    "车": "che",
    "藏": "zang",
    "宿": "su",
    "燕": "yan",
    "任": "ren",
    "沈": "shen",
    "石": "shi",
    "冼": "xian",
    "洗": "xian",
    "谌": "chen",
    "莘": "shen",
    "牟": "mou",
    "蔚": "yu",
    "角": "jue",
    "能": "nai",
    "曲": "qu",
    "相": "xiang",
    "应": "ying",
    "行": "xing",
    "贲": "ben",
    "逄": "pang",
    "粘": "nian",
    "率": "shuai",
    "数": "shu",
    "校": "xiao",
    "和": "he",
}


def name_syllables(name):
    """The syllables of a person's name, its surname read as a surname."""
    name = (name or "").strip()
    for surname, syllables in COMPOUND_SURNAMES.items():
        if name.startswith(surname) and len(name) > len(surname):
            return list(syllables) + _syllables(name[len(surname) :])
    if name[:1] in SURNAMES:
        return [SURNAMES[name[0]]] + _syllables(name[1:])
    return _syllables(name)


def _syllables(text):
    return lazy_pinyin(text, style=Style.NORMAL, errors="ignore") if text else []


def pinyin_keys(name):
    """``("zhangsan", "zs")`` for 张三: the full pinyin and the initials used in search."""
    syllables = [s for s in name_syllables(name) if s]
    full = "".join(syllables).lower()
    initials = "".join(s[0] for s in syllables).lower()
    return full, initials
