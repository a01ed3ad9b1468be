"""Seed 003: 金坛区西城实验小学常胜分校, calendar year 2020, as its union would have
entered the year.

Named people other than 潘腊平 are the replay's own; counts are the seed's (five basketball
players, 108 cards, 20 clauses). The seed also tells of earlier years (the 2018 suggestion
drive, three years of mutual aid): those records are entered in their own years."""

SCHOOL = "金坛区西城实验小学常胜分校"
SHORT_NAME = "常胜小学"
PROFILE = {"union_name": "金坛区西城实验小学常胜分校工会"}
DISTRICT = "金坛区教育工会"
YEAR = 2020

PROSE_PLACES = {
    "标题与开头": "opening",
    "一、加强师德师风建设": "lead:ethics",
    "二、坚持学校教代会制度": "lead:democracy",
    "三、维护教工合法权益": "lead:care",
    "四、加强工会组织自身建设": "lead:union",
    "不足与今后": "shortcomings",
    "003-117": "plans",
    "003-118": "plans",
}

TEACHERS = [
    ("潘腊平", "男"),
    ("王建军", "男"),
    ("刘伟", "男"),
    ("赵磊", "男"),
    ("孙浩", "男"),
    ("张丽", "女"),
    ("李娜", "女"),
    ("陈静", "女"),
    ("杨敏", "女"),
    ("周燕", "女"),
    ("吴芳", "女"),
    ("徐艳", "女"),
    ("黄婷", "女"),
    ("朱琳", "女"),
    ("胡霞", "女"),
    ("郭红", "女"),
]
RETIREES = [("钱桂英", "女", "2020-07-31"), ("冯国强", "男", "2014-08-31")]


def replay(union):
    d = union.day
    for name, gender in TEACHERS:
        union.member(name, gender, post="教师")
    for name, gender, retired_on in RETIREES:
        union.member(name, gender, status="退休", status_changed_on=retired_on)
    everyone = [name for name, _g in TEACHERS]
    women = [name for name, g in TEACHERS if g == "女"]

    # 一、师德师风
    union.activity("学习贯彻党的十九大精神", "理论学习", d(3, 12), people=everyone)
    union.campaign(
        "师德建设月",
        "师德师风建设",
        d(9, 1),
        description="以每年九月师德建设月为契机，精心制定实施方案，开展教育活动。",
    )
    union.activity(
        "学习《教师法》和《新时代中小学教师职业行为十项准则》",
        "理论学习",
        d(9, 16),
        campaign="师德建设月",
        people=everyone,
    )
    union.skip(["003-13"], "a plan listing activities for training and school-based study has no record kind")
    union.sign(d(1, 18, year=2021))  # 003-03
    union.campaign("学习型组织建设", "师能建设/专业成长", d(3, 1))
    union.activity(
        "青年教师团队建设",
        "师能建设/专业成长",
        d(4, 15),
        campaign="学习型组织建设",
        people=["黄婷", "朱琳", "胡霞", "郭红"],
    )
    union.award("最佳学习之星", "荣誉称号", "校级", d(12, 20), members=["张丽", "李娜", "陈静"])
    union.award("最美学习型家庭", "荣誉称号", "校级", d(12, 20), members=["杨敏", "周燕"])
    union.award("学习型组织", "荣誉称号", "校级", d(12, 20), group="高年级语文组")
    union.award("学习型组织", "荣誉称号", "校级", d(12, 20), group="美术组")
    union.activity("教师节庆祝表彰大会", "师德师风建设", d(9, 10), campaign="师德建设月", people=everyone)
    union.pledge("教师文明公约", d(9, 10), "爱岗敬业，关爱学生，为人师表。")
    union.sign_pledge("教师文明公约", d(9, 10))
    union.activity("师徒结对签订仪式", "师能建设/专业成长", d(9, 10), people=everyone[:8])
    union.mentor_pair("张丽", "黄婷", "语文", "2020—2021学年")
    union.mentor_pair("李娜", "朱琳", "数学", "2020—2021学年")
    union.activity("启动师德建设月", "师德师风建设", d(9, 10), campaign="师德建设月", people=everyone)
    union.greeting("教师节", d(9, 10), gifts="盆花")
    union.activity("疫情防控全员线上培训", "师能建设/专业成长", d(2, 20), people=everyone)
    union.activity("参与制定开学方案", "工会自身建设", d(4, 20))
    union.activity("协助做好教师安全返校工作", "关爱与维权", d(4, 27), people=everyone)
    union.activity("慈善募捐", "师德师风建设", d(6, 1), people=everyone, yearly="on")
    union.activity("无偿献血", "师德师风建设", d(6, 14), people=["王建军", "刘伟", "赵磊"], yearly="on")
    union.campaign("创建新优质学校", "师德师风建设", d(3, 1))
    union.activity(
        "开辟优秀教师风采墙",
        "师德师风建设",
        d(9, 8),
        location="行政楼一楼大厅",
        description="彩色照片配简要介绍，整体排成字母CS型。",
    )
    union.award(
        "十佳常胜小学阳光教师",
        "荣誉称号",
        "校级",
        d(9, 10),
        members=everyone[:10],
        issuer="学生参与、老师投票、评选组综合投票",
    )
    union.activity(
        "爱心卡片：写给让你感动的人",
        "师德师风建设",
        d(11, 25),
        campaign="创建新优质学校",
        people=everyone,
        description="每人发数张爱心卡片，共回收108张，制作成折叠画报彩色印刷发给老师。",
    )
    union.skip(["003-34"], "the seed names no nominee: a nomination without a name is no record")

    # 二、民主管理
    union.activity("我为学校文化献计献策金点子征集活动", "民主管理", d(5, 6), people=everyone)
    union.activity("校园文化建设研讨会", "民主管理", d(5, 20), people=everyone[:8])
    union.skip(["003-46"], "the 2018 suggestion drive belongs to 2018, not to the replayed year")
    union.term(4, 2019, "会员大会")
    session = union.session("四", 3, d(6, 18))
    union.agenda_item(
        session,
        "审议《常胜小学奖励性绩效工资发放办法》（修改稿）",
        "《常胜小学奖励性绩效工资发放办法》（修改稿）",
        ["第{}条".format(n) for n in range(1, 21)],
    )
    union.hold_vote(session, votes_for=15, against=1)
    union.activity("集团校奖励性绩效方案征求意见", "民主管理", d(12, 15), people=everyone)
    notices = [
        ("学校校务公开实施细则", "其他"),
        ("大重物品采购投标议标结果公示", "采购"),
        ("学校办公室改造工程公示", "基建"),
        ("空调设备添置采购公示", "采购"),
        ("校园文化建设项目议标结果公示", "基建"),
        ("“创客活动室”规划设计方案公示", "基建"),
        ("教师职称评定推荐人选公示", "职评"),
        ("阳光教师推荐评选结果公示", "评先评优"),
        ("师德标兵推荐评选结果公示", "评先评优"),
        ("优秀班主任推荐评选结果公示", "评先评优"),
        ("党员的发展工作公示", "其他"),
        ("教师的考核结果公示", "考核"),
        ("学生的收费项目公示", "收费"),
        ("学生的活动成绩公示", "其他"),
    ]
    for n, (title, category) in enumerate(notices):
        union.notice(title, category, d(3 + n % 9, 5 + n))
    union.award("常州市教育系统优秀校务公开先进集体", "荣誉称号", "市级", "2019-12-20", school=True)
    union.evaluation("校级领导", d(7, 3), excellent=14, competent=2)
    union.evaluation("中层干部", d(12, 28), excellent=12, competent=4)
    union.rule("劳动聘任合同签订监督制度", "维权制度", what_it_does="工会监督学校与教师依法签订劳动聘任合同")
    union.rule(
        "教师劳动争议调解制度",
        "维权制度",
        what_it_does="教师与学校发生劳动争议时，由工会劳动争议调解小组协商调解",
        revised_on=d(9, 1),
    )

    # 三、关爱与文体
    union.activity("女工委听取女教师合理诉求座谈会", "女工工作", d(3, 6), people=women)
    union.activity("教工排球友谊赛", "文体活动", d(11, 11), people=everyone, yearly="on")
    union.activity("教工冬季运动会", "文体活动", d(12, 9), people=everyone)
    union.activity(
        "教工庆元旦联谊活动",
        "文体活动",
        d(12, 30),
        people=everyone,
        description="教师用一周业余时间排出一台联欢会，抽奖与节目有机结合。",
    )
    union.activity("在职教师体检", "健康体检", d(10, 20), people=everyone, yearly="on")
    union.mutual_aid("王建军", 2000, "2018-11-05", "因病困难")
    union.mutual_aid("吴芳", 2100, d(6, 22), "因病困难")
    union.visit("孙浩", "结婚", d(5, 1), amount=500)
    union.visit("徐艳", "生育", d(7, 12), amount=500)
    union.visit("刘伟", "生病住院", d(10, 8), amount=500)
    union.visit("胡霞", "直系亲属病故", d(11, 30), amount=500, relative="父亲")
    union.rule(
        "六必访制度",
        "关爱制度",
        what_it_does="教师结婚、生育、生病住院、直系亲属病故等，工会第一时间登门看望慰问",
    )
    union.greeting("春节", d(1, 20), amount_each=300)
    union.greeting("端午节", d(6, 24), amount_each=200)
    union.greeting("中秋节", d(9, 30), amount_each=200)
    union.activity("欢送退休老师座谈会", "离退休工作", d(7, 10), people=["钱桂英"] + everyone[:5])
    union.activity("退休老师体检", "离退休工作", d(10, 22), people=["钱桂英", "冯国强"])
    union.greeting("重阳节", d(10, 25), audience="retirees", gifts="祝寿蛋糕")
    union.facility("教工健身房", "健身", place="综合楼", equipment=["跑步机", "联合健身器械"])
    union.facility("多功能球馆", "文体", place="综合楼", equipment=["篮球场", "排球场", "羽毛球场"])
    union.facility("教工乒乓球室", "文体", place="教学楼", equipment=["乒乓球桌"])
    union.facility(
        "教工活动室",
        "职工之家/活动室",
        place="东教学楼三楼办公室西",
        equipment=["工会文化墙", "饮水机", "两张休闲桌", "一张五门柜", "象棋", "围棋", "扑克牌"],
        opened_on=d(11, 16),
    )
    union.facility(
        "教工阅览休闲区",
        "休闲阅览",
        place="图书室",
        equipment=["咖啡机", "蛋糕", "闲趣饼干等零食", "沙发", "茶几", "荡摇椅"],
    )
    union.club("篮球队", leader="潘腊平", members=["潘腊平", "王建军", "刘伟", "赵磊", "孙浩"])
    union.activity(
        "参加区教育系统篮球比赛",
        "文体活动",
        d(11, 18),
        club="篮球队",
        people=["潘腊平", "王建军", "刘伟", "赵磊", "孙浩"],
        description="作为集团校篮球队员参赛。",
    )
    union.award("区教育系统篮球比赛", "比赛获奖", "区级", d(11, 20), group="集团校篮球队", rank="二等奖", club="篮球队")

    # 四、工会自身建设
    for month in (3, 6, 9, 12):
        union.activity("工会委员定期会议", "工会自身建设", d(month, 2), people=everyone[:5])
