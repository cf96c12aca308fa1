/// The catalogue built into the binary: `catalog.json` (version, departments, regions and
/// their menus) and one file per bundle under `bundles/`. It is data, not code: an operator
/// can export it to a directory, edit it and point the node at that directory instead.
///
/// Every example value is synthetic (names such as 林测试, phone numbers 1380000000x) but
/// valid: identity numbers carry a correct GB 11643 check character, the bank card passes
/// the Luhn check, and the examples agree with each other and with the cross-field rules
/// (the mother is about 31 at the birth; the child is 7 on the 2027 school cut-off).
enum EmbeddedCatalog {
    static let files: [CatalogFile] = [
        CatalogFile(
            path: "catalog.json",
            text: #"""
            {
              "version": "2026.11-1",
              "defaultRegion": "350100",
              "departments": [
                { "code": "health", "names": { "zh": "卫生健康委员会（助产机构）", "en": "Health Commission (midwifery institution)" } },
                { "code": "disease-control", "names": { "zh": "疾病预防控制中心", "en": "Center for Disease Control and Prevention" } },
                { "code": "public-security", "names": { "zh": "公安局（户政）", "en": "Public Security Bureau (household registration)" } },
                { "code": "medical-insurance", "names": { "zh": "医疗保障局", "en": "Healthcare Security Administration" } },
                { "code": "human-resources", "names": { "zh": "人力资源和社会保障局", "en": "Human Resources and Social Security Bureau" } },
                { "code": "education", "names": { "zh": "教育局", "en": "Education Bureau" } },
                { "code": "natural-resources", "names": { "zh": "自然资源和规划局（不动产登记中心）", "en": "Natural Resources and Planning Bureau (real-estate registration)" } }
              ],
              "regions": [
                {
                  "code": "350100",
                  "names": { "zh": "福州市", "en": "Fuzhou" },
                  "menus": {
                    "birth": ["birth-certificate", "vaccination-certificate", "household-registration", "maternity-insurance", "medical-insurance-enrolment", "social-security-card"],
                    "school-enrolment": ["enrolment-registration", "residence-check", "property-check", "vaccination-check"]
                  },
                  "schoolCutoff": "08-31"
                },
                {
                  "code": "350200",
                  "names": { "zh": "厦门市", "en": "Xiamen" },
                  "menus": {
                    "birth": ["birth-certificate", "vaccination-certificate", "household-registration", "maternity-insurance", "medical-insurance-enrolment", "social-security-card"]
                  },
                  "schoolCutoff": "08-31"
                },
                {
                  "code": "350300",
                  "names": { "zh": "莆田市", "en": "Putian" },
                  "menus": {
                    "birth": ["birth-certificate", "vaccination-certificate", "household-registration"],
                    "school-enrolment": ["enrolment-registration", "residence-check", "property-check", "vaccination-check"]
                  },
                  "schoolCutoff": "08-31"
                },
                {
                  "code": "350700",
                  "names": { "zh": "南平市", "en": "Nanping" },
                  "menus": {
                    "birth": ["birth-certificate", "vaccination-certificate", "household-registration", "maternity-insurance", "medical-insurance-enrolment", "social-security-card"],
                    "school-enrolment": ["enrolment-registration", "residence-check", "property-check", "vaccination-check"]
                  },
                  "schoolCutoff": "08-31"
                }
              ]
            }
            """#
        ),
        CatalogFile(
            path: "bundles/birth.json",
            text: #"""
            {
              "code": "birth",
              "names": { "zh": "出生一件事", "en": "Birth of a child" },
              "leadDepartment": "health",
              "cooperatingDepartments": ["disease-control", "public-security", "medical-insurance", "human-resources"],
              "groups": [
                { "id": "newborn", "label": { "zh": "新生儿", "en": "Newborn" } },
                { "id": "mother", "label": { "zh": "母亲", "en": "Mother" } },
                { "id": "father", "label": { "zh": "父亲", "en": "Father" } },
                { "id": "household", "label": { "zh": "户口登记", "en": "Household registration" } },
                { "id": "benefit", "label": { "zh": "生育津贴", "en": "Maternity benefit" } },
                { "id": "delivery", "label": { "zh": "证件邮寄", "en": "Delivery of documents" } }
              ],
              "fields": [
                {
                  "id": "newborn_name",
                  "label": { "zh": "新生儿姓名", "en": "Newborn's name" },
                  "group": "newborn",
                  "type": "name",
                  "required": true,
                  "constraints": { "minLength": 2, "maxLength": 30 },
                  "example": "陈小测",
                  "hint": { "zh": "只能使用规范汉字，不得使用字母或数字；出生医学证明打印后不能更改。", "en": "Standard Chinese characters only, no letters or digits; the name cannot be changed once the birth certificate is printed." }
                },
                {
                  "id": "newborn_sex",
                  "label": { "zh": "新生儿性别", "en": "Newborn's sex" },
                  "group": "newborn",
                  "type": "choice",
                  "required": true,
                  "options": [
                    { "value": "male", "label": { "zh": "男", "en": "Male" } },
                    { "value": "female", "label": { "zh": "女", "en": "Female" } }
                  ],
                  "example": "male"
                },
                {
                  "id": "birth_time",
                  "label": { "zh": "出生时间", "en": "Time of birth" },
                  "group": "newborn",
                  "type": "datetime",
                  "required": true,
                  "constraints": { "notFuture": true, "maxAgeDays": 183 },
                  "example": "2026-11-10T08:30",
                  "hint": { "zh": "按分娩记录填写（北京时间，YYYY-MM-DDTHH:MM）；本套餐受理出生未满六个月的新生儿。", "en": "As on the delivery record (China Standard Time, YYYY-MM-DDTHH:MM); the bundle takes newborns under six months old." }
                },
                {
                  "id": "birth_weight_g",
                  "label": { "zh": "出生体重（克）", "en": "Birth weight (grams)" },
                  "group": "newborn",
                  "type": "integer",
                  "required": true,
                  "constraints": { "min": 500, "max": 6500 },
                  "example": "3250"
                },
                {
                  "id": "birth_length_cm",
                  "label": { "zh": "出生身长（厘米）", "en": "Birth length (cm)" },
                  "group": "newborn",
                  "type": "decimal",
                  "required": true,
                  "constraints": { "min": 25, "max": 65 },
                  "example": "50.5"
                },
                {
                  "id": "gestational_weeks",
                  "label": { "zh": "出生孕周", "en": "Gestational age (completed weeks)" },
                  "group": "newborn",
                  "type": "integer",
                  "required": true,
                  "constraints": { "min": 22, "max": 44 },
                  "example": "39"
                },
                {
                  "id": "birth_order",
                  "label": { "zh": "孩次", "en": "Birth order (which child of the mother)" },
                  "group": "newborn",
                  "type": "integer",
                  "required": true,
                  "constraints": { "min": 1, "max": 10 },
                  "example": "1"
                },
                {
                  "id": "birth_place",
                  "label": { "zh": "出生地点（助产机构）", "en": "Place of birth (midwifery institution)" },
                  "group": "newborn",
                  "type": "text",
                  "required": true,
                  "constraints": { "minLength": 4, "maxLength": 100 },
                  "example": "福州市示例妇幼保健院",
                  "hint": { "zh": "助产机构全称，须为福建省内的助产机构。", "en": "The full name of the midwifery institution; it must be in Fujian." }
                },
                {
                  "id": "birth_certificate_no",
                  "label": { "zh": "出生医学证明编号", "en": "Birth medical certificate number" },
                  "group": "newborn",
                  "type": "birthCertificateNo",
                  "required": false,
                  "example": "Q350000001",
                  "hint": { "zh": "医院已预分配编号时填写：一个字母加九位数字，与条形码编号一致。", "en": "Only if the hospital has already assigned it: one letter and nine digits, as printed by the barcode." }
                },
                {
                  "id": "mother_name",
                  "label": { "zh": "母亲姓名", "en": "Mother's name" },
                  "group": "mother",
                  "type": "name",
                  "required": true,
                  "example": "林测试"
                },
                {
                  "id": "mother_id_number",
                  "label": { "zh": "母亲公民身份号码", "en": "Mother's resident identity number" },
                  "group": "mother",
                  "type": "idNumber",
                  "required": true,
                  "example": "350102199503120020",
                  "hint": { "zh": "18位居民身份证号码，末位可为X。", "en": "The 18-character number on the resident identity card; the last may be X." }
                },
                {
                  "id": "mother_phone",
                  "label": { "zh": "母亲手机号码", "en": "Mother's mobile number" },
                  "group": "mother",
                  "type": "mobile",
                  "required": true,
                  "example": "13800000001"
                },
                {
                  "id": "marriage_certificate_no",
                  "label": { "zh": "结婚证字号", "en": "Marriage certificate number" },
                  "group": "mother",
                  "type": "code",
                  "required": true,
                  "constraints": { "pattern": "^B?J[0-9]{6}-[0-9]{4}-[0-9]{6}$" },
                  "example": "J350102-2020-000123",
                  "hint": { "zh": "格式：J（补发证为BJ）+ 登记机关六位行政区划代码 + “-” + 登记年份 + “-” + 六位顺序号，如 J350102-2020-000123。", "en": "J (BJ for a re-issued certificate), the six-digit area code of the registry office, a hyphen, the year of registration, a hyphen and a six-digit serial, e.g. J350102-2020-000123." }
                },
                {
                  "id": "father_name",
                  "label": { "zh": "父亲姓名", "en": "Father's name" },
                  "group": "father",
                  "type": "name",
                  "required": true,
                  "example": "陈示例"
                },
                {
                  "id": "father_id_number",
                  "label": { "zh": "父亲公民身份号码", "en": "Father's resident identity number" },
                  "group": "father",
                  "type": "idNumber",
                  "required": true,
                  "example": "350102199307080033",
                  "hint": { "zh": "父亲须授权母亲代为申报。", "en": "The father authorises the mother to apply for him." }
                },
                {
                  "id": "father_phone",
                  "label": { "zh": "父亲手机号码", "en": "Father's mobile number" },
                  "group": "father",
                  "type": "mobile",
                  "required": true,
                  "example": "13800000002"
                },
                {
                  "id": "household_parent",
                  "label": { "zh": "随父或随母落户", "en": "Parent whose household the newborn joins" },
                  "group": "household",
                  "type": "choice",
                  "required": true,
                  "options": [
                    { "value": "mother", "label": { "zh": "随母落户", "en": "The mother's household" } },
                    { "value": "father", "label": { "zh": "随父落户", "en": "The father's household" } }
                  ],
                  "example": "mother"
                },
                {
                  "id": "mother_household_no",
                  "label": { "zh": "母亲户口簿户号", "en": "Household number of the mother's register" },
                  "group": "household",
                  "type": "code",
                  "required": true,
                  "shownWhen": { "situation": "mother-household" },
                  "constraints": { "pattern": "^[0-9]{6,12}$" },
                  "example": "000123456",
                  "hint": { "zh": "户口簿首页的户号（6至12位数字）。", "en": "The household number on the register's cover page (6 to 12 digits)." }
                },
                {
                  "id": "father_household_no",
                  "label": { "zh": "父亲户口簿户号", "en": "Household number of the father's register" },
                  "group": "household",
                  "type": "code",
                  "required": false,
                  "requiredWhen": { "situation": "father-household" },
                  "shownWhen": { "field": "household_parent", "equals": "father" },
                  "constraints": { "pattern": "^[0-9]{6,12}$" },
                  "example": "000654321",
                  "hint": { "zh": "随父落户时填写：户口簿首页的户号（6至12位数字）。", "en": "Only when the newborn joins the father's household: the household number on the register's cover page (6 to 12 digits)." }
                },
                {
                  "id": "household_address",
                  "label": { "zh": "户籍地址", "en": "Address of the household registration" },
                  "group": "household",
                  "type": "text",
                  "required": true,
                  "constraints": { "minLength": 6, "maxLength": 120 },
                  "example": "福建省福州市鼓楼区示例街道测试社区1号",
                  "hint": { "zh": "新生儿落户的户籍地址，同时作为医保参保地址。", "en": "The registered address the newborn joins; also used for the insurance enrolment." }
                },
                {
                  "id": "head_of_household_name",
                  "label": { "zh": "户主姓名", "en": "Name of the head of household" },
                  "group": "household",
                  "type": "name",
                  "required": true,
                  "example": "林测试"
                },
                {
                  "id": "head_relation",
                  "label": { "zh": "新生儿与户主关系", "en": "Newborn's relation to the head of household" },
                  "group": "household",
                  "type": "choice",
                  "required": true,
                  "options": [
                    { "value": "child", "label": { "zh": "子女", "en": "Child" } },
                    { "value": "grandchild", "label": { "zh": "孙子女或外孙子女", "en": "Grandchild" } },
                    { "value": "other", "label": { "zh": "其他亲属", "en": "Other relative" } }
                  ],
                  "example": "child"
                },
                {
                  "id": "bank_card_no",
                  "label": { "zh": "母亲本人银行卡号", "en": "Mother's bank card number" },
                  "group": "benefit",
                  "type": "bankCard",
                  "required": true,
                  "example": "6222020000000007",
                  "hint": { "zh": "生育津贴发放至母亲本人名下的借记卡。", "en": "The maternity allowance is paid to a debit card in the mother's own name." }
                },
                {
                  "id": "bank_branch",
                  "label": { "zh": "开户银行网点", "en": "Bank branch of the card" },
                  "group": "benefit",
                  "type": "text",
                  "required": true,
                  "constraints": { "minLength": 4, "maxLength": 60 },
                  "example": "中国工商银行福州示例支行"
                },
                {
                  "id": "delivery_address",
                  "label": { "zh": "证件邮寄地址", "en": "Delivery address for the documents" },
                  "group": "delivery",
                  "type": "text",
                  "required": true,
                  "constraints": { "minLength": 6, "maxLength": 120 },
                  "example": "福建省福州市鼓楼区示例路1号",
                  "hint": { "zh": "办理结果和证件免费邮寄至此地址。", "en": "Results and documents are sent here by free express delivery." }
                },
                {
                  "id": "delivery_phone",
                  "label": { "zh": "收件人手机号码", "en": "Recipient's mobile number" },
                  "group": "delivery",
                  "type": "mobile",
                  "required": true,
                  "example": "13800000003"
                }
              ],
              "items": [
                {
                  "code": "birth-certificate",
                  "names": { "zh": "出生医学证明办理", "en": "Birth medical certificate" },
                  "department": "health",
                  "promisedDays": 1,
                  "materials": [
                    { "zh": "母亲居民身份证（电子证照）", "en": "Mother's resident identity card (electronic licence)" },
                    { "zh": "父亲居民身份证（电子证照）", "en": "Father's resident identity card (electronic licence)" },
                    { "zh": "结婚证（电子证照）", "en": "Marriage certificate (electronic licence)" },
                    { "zh": "产妇分娩信息（医院系统自动核验）", "en": "The hospital's delivery record of the mother (checked automatically)" }
                  ],
                  "fields": ["newborn_name", "newborn_sex", "birth_time", "birth_weight_g", "birth_length_cm", "gestational_weeks", "birth_place", "birth_certificate_no", "mother_name", "mother_id_number", "mother_phone", "marriage_certificate_no", "father_name", "father_id_number", "delivery_address", "delivery_phone"]
                },
                {
                  "code": "vaccination-certificate",
                  "names": { "zh": "预防接种证办理", "en": "Vaccination certificate" },
                  "department": "disease-control",
                  "promisedDays": 1,
                  "materials": [
                    { "zh": "新生儿出生时乙肝疫苗、卡介苗接种记录（医院系统）", "en": "The newborn's hepatitis B and BCG doses given at birth (from the hospital system)" }
                  ],
                  "fields": ["newborn_name", "newborn_sex", "birth_time", "birth_weight_g", "gestational_weeks", "birth_place", "mother_name", "mother_phone", "father_name", "father_phone", "delivery_address", "delivery_phone"]
                },
                {
                  "code": "household-registration",
                  "names": { "zh": "户口登记", "en": "Household registration of the newborn" },
                  "department": "public-security",
                  "promisedDays": 3,
                  "materials": [
                    { "zh": "出生医学证明（副页由医院推送）", "en": "Birth medical certificate (the counterfoil is sent by the hospital)" },
                    { "zh": "父母双方居民身份证（电子证照）", "en": "Both parents' resident identity cards (electronic licences)" },
                    { "zh": "结婚证（电子证照）", "en": "Marriage certificate (electronic licence)" },
                    { "zh": "户口簿首页及落户方本人页影像", "en": "Images of the household register's cover page and the joining parent's page" }
                  ],
                  "situations": [
                    { "id": "mother-household", "names": { "zh": "随母落户", "en": "Registered in the mother's household" }, "when": { "field": "household_parent", "equals": "mother" } },
                    { "id": "father-household", "names": { "zh": "随父落户", "en": "Registered in the father's household" }, "when": { "field": "household_parent", "equals": "father" } }
                  ],
                  "fields": ["newborn_name", "newborn_sex", "birth_time", "birth_place", "birth_certificate_no", "mother_name", "mother_id_number", "mother_phone", "marriage_certificate_no", "father_name", "father_id_number", "father_phone", "household_parent", "mother_household_no", "father_household_no", "household_address", "head_of_household_name", "head_relation", "delivery_address", "delivery_phone"]
                ,
                  "issues": [
                    { "document": "resident_id_number", "field": "newborn_id_number", "autoIssue": { "kind": "residentIdNumber" } }
                  ]
                },
                {
                  "code": "maternity-insurance",
                  "names": { "zh": "生育保险待遇核准支付", "en": "Maternity insurance benefit approval and payment" },
                  "department": "medical-insurance",
                  "promisedDays": 5,
                  "materials": [
                    { "zh": "母亲居民身份证（电子证照）", "en": "Mother's resident identity card (electronic licence)" },
                    { "zh": "母亲本人银行卡", "en": "A bank card in the mother's own name" },
                    { "zh": "分娩住院费用结算信息（医院系统自动获取）", "en": "The delivery's hospital bill (fetched from the hospital system)" }
                  ],
                  "fields": ["birth_time", "gestational_weeks", "birth_order", "mother_name", "mother_id_number", "mother_phone", "marriage_certificate_no", "bank_card_no", "bank_branch"]
                },
                {
                  "code": "medical-insurance-enrolment",
                  "names": { "zh": "城乡居民基本医疗保险参保登记", "en": "Resident basic medical insurance enrolment of the newborn" },
                  "department": "medical-insurance",
                  "promisedDays": 2,
                  "dependsOn": ["household-registration"],
                  "needs": ["newborn_id_number"],
                  "materials": [
                    { "zh": "新生儿户口登记结果（公民身份号码）", "en": "The newborn's citizen identity number from the household registration" },
                    { "zh": "监护人居民身份证（电子证照）", "en": "The guardian's resident identity card (electronic licence)" }
                  ],
                  "fields": ["newborn_name", "newborn_sex", "birth_time", "mother_name", "mother_id_number", "mother_phone", "household_address"]
                },
                {
                  "code": "social-security-card",
                  "names": { "zh": "社会保障卡申领", "en": "Social security card application" },
                  "department": "human-resources",
                  "promisedDays": 5,
                  "dependsOn": ["household-registration"],
                  "needs": ["newborn_id_number"],
                  "materials": [
                    { "zh": "新生儿户口登记结果（公民身份号码）", "en": "The newborn's citizen identity number from the household registration" },
                    { "zh": "监护人居民身份证（电子证照）", "en": "The guardian's resident identity card (electronic licence)" }
                  ],
                  "fields": ["newborn_name", "newborn_sex", "mother_name", "mother_id_number", "mother_phone", "delivery_address", "delivery_phone"]
                }
              ],
              "rules": [
                { "kind": "parentAgeAtBirth", "fields": { "parentId": "mother_id_number", "birth": "birth_time" }, "min": 14, "max": 60 },
                { "kind": "distinct", "fields": { "a": "mother_id_number", "b": "father_id_number" } },
                { "kind": "idNumberOfSex", "fields": { "id": "mother_id_number" }, "sex": "female" },
                { "kind": "idNumberOfSex", "fields": { "id": "father_id_number" }, "sex": "male" }
              ],
              "systemFields": [
                {
                  "id": "newborn_provisional_id",
                  "label": { "zh": "新生儿临时身份标识", "en": "Newborn's provisional identity" },
                  "setBy": "node",
                  "provisional": { "prefix": "LS-" }
                },
                {
                  "id": "newborn_id_number",
                  "label": { "zh": "新生儿公民身份号码", "en": "Newborn's resident identity number" },
                  "setBy": "hub",
                  "type": "idNumber",
                  "replaces": "newborn_provisional_id",
                  "agreesWith": { "birthDate": "birth_time", "sex": "newborn_sex", "inRegion": true }
                }
              ],
              "duplicateKey": { "person": "mother_id_number", "event": "birth_time", "ordinal": "birth_order" },
              "prefill": [
                {
                  "source": "delivery",
                  "fields": {
                    "mother_name": "mother_name", "mother_id_number": "mother_id_number", "birth_time": "birth_time",
                    "newborn_sex": "newborn_sex", "birth_weight_g": "birth_weight_g", "birth_length_cm": "birth_length_cm",
                    "gestational_weeks": "gestational_weeks"
                  },
                  "mustMatch": ["mother_id_number", "mother_name", "birth_time"]
                }
              ]
            }
            """#
        ),
        CatalogFile(
            path: "bundles/school-enrolment.json",
            text: #"""
            {
              "code": "school-enrolment",
              "names": { "zh": "入学一件事", "en": "Starting school" },
              "leadDepartment": "education",
              "cooperatingDepartments": ["public-security", "natural-resources", "disease-control"],
              "groups": [
                { "id": "child", "label": { "zh": "儿童", "en": "Child" } },
                { "id": "guardian", "label": { "zh": "监护人", "en": "Guardian" } },
                { "id": "home", "label": { "zh": "户籍与住房", "en": "Household and home" } },
                { "id": "school", "label": { "zh": "入学申请", "en": "School place" } }
              ],
              "fields": [
                {
                  "id": "child_name",
                  "label": { "zh": "儿童姓名", "en": "Child's name" },
                  "group": "child",
                  "type": "name",
                  "required": true,
                  "example": "王小例"
                },
                {
                  "id": "child_id_number",
                  "label": { "zh": "儿童公民身份号码", "en": "Child's resident identity number" },
                  "group": "child",
                  "type": "idNumber",
                  "required": true,
                  "example": "350203202005160018",
                  "hint": { "zh": "户口簿上儿童本人页的18位公民身份号码。", "en": "The 18-character number on the child's page of the household register." }
                },
                {
                  "id": "child_sex",
                  "label": { "zh": "儿童性别", "en": "Child's sex" },
                  "group": "child",
                  "type": "choice",
                  "required": true,
                  "options": [
                    { "value": "male", "label": { "zh": "男", "en": "Male" } },
                    { "value": "female", "label": { "zh": "女", "en": "Female" } }
                  ],
                  "example": "male"
                },
                {
                  "id": "household_register_no",
                  "label": { "zh": "户口簿户号", "en": "Household register number" },
                  "group": "child",
                  "type": "code",
                  "required": false,
                  "constraints": { "pattern": "^[0-9]{6,12}$" },
                  "example": "000234567",
                  "hint": { "zh": "本地户籍儿童填写户口簿首页的户号（6至12位数字）；外地户籍可不填。", "en": "For a child registered in this city: the household number on the register's cover page (6 to 12 digits); leave it out otherwise." }
                },
                {
                  "id": "guardian_name",
                  "label": { "zh": "监护人姓名", "en": "Guardian's name" },
                  "group": "guardian",
                  "type": "name",
                  "required": true,
                  "example": "王示例"
                },
                {
                  "id": "guardian_id_number",
                  "label": { "zh": "监护人公民身份号码", "en": "Guardian's resident identity number" },
                  "group": "guardian",
                  "type": "idNumber",
                  "required": true,
                  "example": "350203198810020051"
                },
                {
                  "id": "guardian_phone",
                  "label": { "zh": "监护人手机号码", "en": "Guardian's mobile number" },
                  "group": "guardian",
                  "type": "mobile",
                  "required": true,
                  "example": "13800000004"
                },
                {
                  "id": "guardian_relation",
                  "label": { "zh": "与儿童关系", "en": "Relationship to the child" },
                  "group": "guardian",
                  "type": "choice",
                  "required": true,
                  "options": [
                    { "value": "father", "label": { "zh": "父亲", "en": "Father" } },
                    { "value": "mother", "label": { "zh": "母亲", "en": "Mother" } },
                    { "value": "grandparent", "label": { "zh": "祖父母或外祖父母", "en": "Grandparent" } },
                    { "value": "other", "label": { "zh": "其他监护人", "en": "Other guardian" } }
                  ],
                  "example": "father"
                },
                {
                  "id": "household_address",
                  "label": { "zh": "户籍地址", "en": "Address of the household registration" },
                  "group": "home",
                  "type": "text",
                  "required": true,
                  "constraints": { "minLength": 6, "maxLength": 120 },
                  "example": "福建省厦门市思明区示例街道测试社区2号"
                },
                {
                  "id": "residence_address",
                  "label": { "zh": "现居住地址", "en": "Address where the family lives" },
                  "group": "home",
                  "type": "text",
                  "required": true,
                  "constraints": { "minLength": 6, "maxLength": 120 },
                  "example": "福建省厦门市思明区示例路8号101室",
                  "hint": { "zh": "学区按现居住地址划分。", "en": "School catchment areas follow this address." }
                },
                {
                  "id": "housing_type",
                  "label": { "zh": "住房情况", "en": "Home" },
                  "group": "home",
                  "type": "choice",
                  "required": true,
                  "options": [
                    { "value": "owned", "label": { "zh": "父母或儿童名下自有住房", "en": "Owned by a parent or the child" } },
                    { "value": "rented", "label": { "zh": "租赁住房", "en": "Rented" } }
                  ],
                  "example": "owned"
                },
                {
                  "id": "property_certificate_no",
                  "label": { "zh": "不动产权证书号", "en": "Real-estate title certificate number" },
                  "group": "home",
                  "type": "code",
                  "required": true,
                  "shownWhen": { "field": "housing_type", "equals": "owned" },
                  "constraints": { "maxLength": 40, "pattern": "^闽\\([0-9]{4}\\)[^()]{2,12}不动产权第[0-9]{7}号$" },
                  "example": "闽(2021)厦门市不动产权第0012345号",
                  "hint": { "zh": "按证书填写，如 闽(2021)厦门市不动产权第0012345号；全角括号可直接输入。", "en": "As printed on the certificate, e.g. 闽(2021)厦门市不动产权第0012345号; full-width brackets are accepted." }
                },
                {
                  "id": "residence_permit_no",
                  "label": { "zh": "居住证编号", "en": "Residence permit number" },
                  "group": "home",
                  "type": "code",
                  "required": false,
                  "requiredWhen": { "field": "housing_type", "equals": "rented" },
                  "constraints": { "pattern": "^[0-9A-Z]{8,20}$" },
                  "example": "3502032024001234",
                  "hint": { "zh": "租房居住或非本地户籍时填写监护人福建省居住证上的编号（8至20位字母或数字）。", "en": "When the home is rented or the family is from elsewhere: the number on the guardian's Fujian residence permit (8 to 20 letters and digits)." }
                },
                {
                  "id": "residence_permit_since",
                  "label": { "zh": "居住证首次签发日期", "en": "Residence permit first issued on" },
                  "group": "home",
                  "type": "date",
                  "required": false,
                  "requiredWhen": { "field": "housing_type", "equals": "rented" },
                  "constraints": { "notFuture": true },
                  "example": "2023-06-01",
                  "hint": { "zh": "用于核验居住年限。", "en": "Used to check the length of residence." }
                },
                {
                  "id": "requested_school",
                  "label": { "zh": "申请就读学校", "en": "Requested school" },
                  "group": "school",
                  "type": "text",
                  "required": true,
                  "constraints": { "minLength": 4, "maxLength": 60 },
                  "example": "厦门市示例小学"
                },
                {
                  "id": "stage",
                  "label": { "zh": "入学学段", "en": "Stage" },
                  "group": "school",
                  "type": "choice",
                  "required": true,
                  "options": [
                    { "value": "kindergarten", "label": { "zh": "幼儿园", "en": "Kindergarten" } },
                    { "value": "primary", "label": { "zh": "小学一年级", "en": "Primary school, year one" } },
                    { "value": "junior", "label": { "zh": "初中一年级", "en": "Junior secondary school, year one" } }
                  ],
                  "example": "primary"
                },
                {
                  "id": "school_year",
                  "label": { "zh": "入学年份", "en": "School year starting in" },
                  "group": "school",
                  "type": "integer",
                  "required": true,
                  "constraints": { "min": 2020, "max": 2100 },
                  "example": "2027",
                  "hint": { "zh": "入学年龄按当年8月31日计算。", "en": "The school age is counted on 31 August of this year." }
                },
                {
                  "id": "records_consent",
                  "label": { "zh": "同意核验共享数据", "en": "Consent to check shared records" },
                  "group": "school",
                  "type": "boolean",
                  "required": true,
                  "constraints": { "mustBeTrue": true },
                  "example": "true",
                  "hint": { "zh": "同意调取不动产登记、常住人口、家庭户人员和预防接种记录进行核验，免交证明材料。", "en": "Consent to checking the real-estate, resident population, household member and vaccination records instead of bringing proofs." }
                }
              ],
              "items": [
                {
                  "code": "enrolment-registration",
                  "names": { "zh": "入学报名登记", "en": "Enrolment registration" },
                  "department": "education",
                  "promisedDays": 5,
                  "materials": [
                    { "zh": "儿童及监护人身份信息（共享数据核验）", "en": "Identity of the child and the guardian (checked against shared records)" }
                  ],
                  "fields": ["child_name", "child_id_number", "child_sex", "household_register_no", "guardian_name", "guardian_id_number", "guardian_phone", "guardian_relation", "household_address", "residence_address", "requested_school", "stage", "school_year", "records_consent"]
                },
                {
                  "code": "residence-check",
                  "names": { "zh": "户籍及居住证核验", "en": "Household and residence permit check" },
                  "department": "public-security",
                  "promisedDays": 2,
                  "materials": [
                    { "zh": "户口簿（常住人口、家庭户人员信息共享核验）", "en": "Household register (checked against the resident population and household member records)" },
                    { "zh": "居住证（非本地户籍或租房居住时，共享核验）", "en": "Residence permit (for families from elsewhere or renting; checked against shared records)" }
                  ],
                  "situations": [
                    { "id": "rented-home", "names": { "zh": "租房居住", "en": "Living in a rented home" }, "when": { "field": "housing_type", "equals": "rented" } }
                  ],
                  "fields": ["child_name", "child_id_number", "household_register_no", "guardian_name", "guardian_id_number", "guardian_relation", "household_address", "residence_address", "housing_type", "residence_permit_no", "residence_permit_since", "records_consent"]
                },
                {
                  "code": "property-check",
                  "names": { "zh": "不动产登记信息核验", "en": "Real-estate registration check" },
                  "department": "natural-resources",
                  "promisedDays": 3,
                  "materials": [
                    { "zh": "不动产权证书（不动产登记信息共享核验）", "en": "Real-estate title certificate (checked against the real-estate register)" }
                  ],
                  "situations": [
                    { "id": "owned-home", "names": { "zh": "自有住房", "en": "Living in an owned home" }, "when": { "field": "housing_type", "equals": "owned" } }
                  ],
                  "fields": ["child_name", "child_id_number", "guardian_name", "guardian_id_number", "residence_address", "housing_type", "property_certificate_no", "records_consent"]
                },
                {
                  "code": "vaccination-check",
                  "names": { "zh": "预防接种证查验", "en": "Vaccination certificate check" },
                  "department": "disease-control",
                  "promisedDays": 3,
                  "materials": [
                    { "zh": "儿童预防接种记录（共享数据核验）", "en": "The child's vaccination record (checked against the immunisation register)" }
                  ],
                  "fields": ["child_name", "child_id_number", "child_sex", "guardian_name", "guardian_phone", "requested_school", "stage", "records_consent"]
                }
              ],
              "rules": [
                { "kind": "schoolAgeAtCutoff", "fields": { "childId": "child_id_number", "stage": "stage", "schoolYear": "school_year" }, "stages": { "kindergarten": [3, 5], "primary": [6, 8], "junior": [11, 14] } },
                { "kind": "sexMatchesIdNumber", "fields": { "id": "child_id_number", "sex": "child_sex" } },
                { "kind": "distinct", "fields": { "a": "child_id_number", "b": "guardian_id_number" } }
              ],
              "duplicateKey": { "person": "child_id_number", "event": "school_year" }
            }
            """#
        ),
    ]

    /// The embedded files, for tools and tests that export or inspect them.
    package static var fileList: [CatalogFile] { files }
}
