"""Seed 000: 坂上初中, calendar year 2018, as its union would have entered the year.

The names of teachers other than the principal are the replay's own (the seed names only
王晓峰); the counts are the seed's (7 award person-times at district level and above, two
promotions)."""

SCHOOL = "坂上初中"
SHORT_NAME = "坂上初中"
PROFILE = {"union_name": "坂上初中工会"}
DISTRICT = "武进区教育工会"
YEAR = 2018

# Where the chair's own words go: the seed's section → the summary part or section lead.
PROSE_PLACES = {
    "总结开头": "opening",
    "一、加强师风师德建设": "lead:ethics",
    "二、强化师能建设": "lead:competence",
    "三、发挥监督功能": "lead:democracy",
    "四、维护教职工权益": "lead:care",
    "结尾": "plans",
}

TEACHERS = [
    ("王晓峰", "男", "校长"),
    ("陆建华", "男", "副校长"),
    ("蒋丽娟", "女", "教师"),
    ("周红梅", "女", "教师"),
    ("吴志强", "男", "教师"),
    ("钱小燕", "女", "教师"),
    ("孙立新", "男", "教师"),
    ("许文静", "女", "教师"),
    ("朱国平", "男", "教师"),
    ("陈玉芳", "女", "教师"),
    ("杨帆", "男", "教师"),
    ("顾婷婷", "女", "教师"),
]
RETIRED = ("沈建国", "男")


def replay(union):
    d = union.day
    for name, gender, post in TEACHERS:
        union.member(name, gender, post=post)
    union.member(RETIRED[0], RETIRED[1], status="退休", status_changed_on="2016-08-31")
    everyone = [name for name, _g, _p in TEACHERS]

    # 一、师德师风
    union.category("公益服务", "师德师风建设")
    union.campaign(
        "师德建设“个十百千万”行动",
        "师德师风建设",
        d(3, 5),
        description=(
            "根据武进区教育局关于开展师德建设“个十百千万”行动的实施意见，学校制定《坂上初中师德建设“个十百千万”行动实施方案》，"
            "全体教师全员参与、全面提高，查找自身问题、做好整改，实现十个方面的转变。"
        ),
    )
    action_label = "个十百千万"
    union.activity("教师家访", "师德师风建设", d(4, 12), campaign=action_label, people=everyone)
    union.activity("教师参加公益服务", "公益服务", d(5, 19), campaign=action_label, people=everyone[:8])
    union.activity(
        "传达学习拒绝有偿补课相关文件",
        "理论学习",
        d(6, 6),
        description=(
            "传达《省教育厅关于开展拒绝有偿补课公开承诺活动的通知》（苏教师[2018]23号）、"
            "市教育局《关于开展拒绝有偿补课公开承诺活动的通知》（常教人[2018]46号）"
            "和区教育局（武教管[2018]16号）文件精神至每位教师。"
        ),
        people=everyone,
    )
    union.pledge(
        "拒绝有偿补课公开承诺书",
        d(6, 8),
        "本人郑重承诺：不组织、不推荐、不诱导学生参加有偿补课，不参与校外培训机构的有偿补课。",
    )
    union.sign_pledge("拒绝有偿补课公开承诺书", d(6, 8))
    union.activity("拒绝有偿补课承诺书签署仪式", "师德师风建设", d(6, 8), people=everyone)
    union.notice("教师拒绝有偿补课承诺书公示", "其他", d(6, 11))
    union.activity("发放告家长书，告知家长教师拒绝有偿补课的承诺", "师德师风建设", d(6, 12))
    union.activity(
        "学习新时代教师职业行为十项准则",
        "理论学习",
        d(11, 20),
        description=(
            "学习教育部印发的《新时代高校教师职业行为十项准则》《新时代中小学教师职业行为十项准则》"
            "《新时代幼儿园教师职业行为十项准则》。"
        ),
        people=everyone,
    )
    union.activity("分年级组开展师德大讨论", "师德师风建设", d(11, 27), people=everyone)
    union.campaign("师德建设月", "师德师风建设", d(9, 1), number=11)
    month_label = "师德建设月"
    union.activity("第十一个师德建设月活动启动仪式", "师德师风建设", d(9, 3), campaign=month_label, people=everyone)
    union.activity(
        "选派教师参加各级教师节和师德建设活动", "师德师风建设", d(9, 10), campaign=month_label, people=everyone[2:5]
    )
    union.activity("启动新一轮“168”爱生行动", "168爱生行动", d(9, 12), campaign=month_label, people=everyone)
    union.activity("“良师益友”微事迹推荐", "师德师风建设", d(9, 20), campaign=month_label)
    union.activity("“争当三好教师”师德征文", "师德师风建设", d(10, 15), people=everyone[2:])
    union.activity("“四有教师宣讲”活动", "师德师风建设", d(10, 25), people=everyone)
    union.activity("“教师讲堂”师德宣讲", "师德师风建设", d(11, 8), people=everyone)
    union.award(
        "区“四有教师”宣讲团成员选拔（讲述爱生故事）",
        "荣誉称号",
        "区级",
        d(11, 15),
        members=["王晓峰"],
        status="推荐",
    )
    for teacher, student in (("蒋丽娟", "李明"), ("周红梅", "张悦"), ("吴志强", "刘洋")):
        union.care_pair(teacher, student, "初二(3)班", "2018—2019学年", reason="学习困难")

    # 二、师能建设
    union.campaign("青蓝工程", "师能建设/专业成长", d(2, 26), description="落实青蓝工程师徒结对计划。")
    union.mentor_pair("蒋丽娟", "杨帆", "语文", "2017—2018学年")
    union.mentor_pair("周红梅", "顾婷婷", "数学", "2017—2018学年")
    union.activity(
        "“青蓝工程”青年教师赛课", "师能建设/专业成长", d(4, 18), campaign="青蓝工程", people=["杨帆", "顾婷婷"]
    )
    union.activity("青年教师基本功比赛", "师能建设/专业成长", d(10, 17), people=["杨帆", "顾婷婷", "许文静"])
    union.activity("校际教学交流活动", "师能建设/专业成长", d(12, 5), people=everyone[2:8])
    won = [
        ("武进区初中青年教师基本功比赛", "比赛获奖", "区级", "一等奖", "杨帆"),
        ("武进区初中语文评优课", "比赛获奖", "区级", "二等奖", "蒋丽娟"),
        ("武进区初中数学评优课", "比赛获奖", "区级", "二等奖", "周红梅"),
        ("武进区教学论文评比", "论文获奖", "区级", "一等奖", "钱小燕"),
        ("常州市初中物理实验创新大赛", "比赛获奖", "市级", "三等奖", "孙立新"),
        ("武进区优秀班主任", "荣誉称号", "区级", "", "许文静"),
        ("武进区初中英语基本功比赛", "比赛获奖", "区级", "三等奖", "顾婷婷"),
    ]
    for month_no, (title, kind, level, rank, who) in enumerate(won, start=4):
        union.award(title, kind, level, d(month_no, 20), members=[who], rank=rank)
    union.promotion("钱小燕", "一级教师", d(9, 1))
    union.promotion("孙立新", "高级教师", d(12, 1))

    # 三、民主管理
    union.skip(["000-56"], "the seed's year held no congress session: keeping the congress regular is no record")
    union.activity("教师民主生活会", "民主管理", d(1, 25), people=everyone)
    union.activity("学习区教育工会关于校务公开的意见", "理论学习", d(3, 2), people=everyone[:4])
    notices = [
        ("2018年秋季招生工作公示", "招生"),
        ("2018年上半年学校财务收支公示", "财务"),
        ("学校操场改造基建项目公示", "基建"),
        ("教学楼屋面维修工程公示", "维修"),
        ("2018年教学设备采购公示", "采购"),
        ("2018年职称评审推荐人选公示", "职评"),
        ("2018年度评先评优结果公示", "评先评优"),
        ("2018年度教职工考核结果公示", "考核"),
    ]
    for month_no, (title, category) in enumerate(notices, start=3):
        union.notice(title, category, d(month_no, 10))
    union.rule("校长意见箱", "公开渠道", what_it_does="教职工随时投递对学校工作的意见和建议")
    union.rule("校务公开栏", "公开渠道", what_it_does="公布招生、财务、基建、维修、采购、职评、评先、考核等校务")
    union.rule("网上公示", "公开渠道", what_it_does="活动事项和方案在学校网站公示")

    # 四、关爱与文体
    for name, members in (
        ("乒乓球", everyone[:4]),
        ("气排球", everyone[4:9]),
        ("羽毛球", everyone[2:6]),
        ("篮球", everyone[6:]),
    ):
        union.club(name + "队", leader=members[0], members=members)
    union.activity("教职工拔河比赛", "文体活动", d(4, 2), people=everyone)
    union.activity("气排球比赛", "文体活动", d(10, 24), club="气排球队", people=everyone[4:9])
    union.greeting("春节", d(2, 10))
    union.greeting("三八妇女节", d(3, 8), audience="women", gifts="慰问品")
    union.activity(
        "女教师座谈交流会：学习先进事迹", "女工工作", d(3, 8), people=[n for n, g, _p in TEACHERS if g == "女"]
    )
    union.greeting("端午节", d(6, 15))
    union.greeting("中秋节", d(9, 21))
    union.campaign("送温暖", "关爱与维权", d(1, 20), description="配合学校党政领导开展送温暖活动。")
    union.visit(RETIRED[0], "其他", d(1, 30), detail="看望退休教师")
    union.visit("朱国平", "生病住院", d(5, 9), gifts="水果")
    union.facility("教工乒乓球室", "文体", equipment=["乒乓球桌"])
    union.facility("羽毛球场", "文体")
    union.facility("篮球场", "文体", place="操场")
    union.facility("气排球场", "文体", place="操场", equipment=["气排球网架", "气排球"], opened_on=d(9, 3))
