# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'person_form.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QComboBox, QGridLayout, QLabel, QLineEdit, QWidget)

from motcua_desktop.ui.shell.widgets import (DateLineEdit, UnitPicker)

class Ui_PersonForm(object):
    def setupUi(self, PersonForm):
        if not PersonForm.objectName():
            PersonForm.setObjectName(u"PersonForm")
        self.grid = QGridLayout(PersonForm)
        self.grid.setObjectName(u"grid")
        self.grid.setVerticalSpacing(2)
        self.grid.setHorizontalSpacing(8)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.label_full_name = QLabel(PersonForm)
        self.label_full_name.setObjectName(u"label_full_name")

        self.grid.addWidget(self.label_full_name, 0, 0, 1, 1)

        self.full_name = QLineEdit(PersonForm)
        self.full_name.setObjectName(u"full_name")

        self.grid.addWidget(self.full_name, 0, 1, 1, 3)

        self.full_name_msg = QLabel(PersonForm)
        self.full_name_msg.setObjectName(u"full_name_msg")
        self.full_name_msg.setWordWrap(True)
        self.full_name_msg.setVisible(False)

        self.grid.addWidget(self.full_name_msg, 1, 1, 1, 3)

        self.label_birth_date = QLabel(PersonForm)
        self.label_birth_date.setObjectName(u"label_birth_date")

        self.grid.addWidget(self.label_birth_date, 2, 0, 1, 1)

        self.birth_date = DateLineEdit(PersonForm)
        self.birth_date.setObjectName(u"birth_date")

        self.grid.addWidget(self.birth_date, 2, 1, 1, 1)

        self.label_sex = QLabel(PersonForm)
        self.label_sex.setObjectName(u"label_sex")

        self.grid.addWidget(self.label_sex, 2, 2, 1, 1)

        self.sex = QComboBox(PersonForm)
        self.sex.addItem("")
        self.sex.addItem("")
        self.sex.addItem("")
        self.sex.setObjectName(u"sex")

        self.grid.addWidget(self.sex, 2, 3, 1, 1)

        self.birth_date_msg = QLabel(PersonForm)
        self.birth_date_msg.setObjectName(u"birth_date_msg")
        self.birth_date_msg.setWordWrap(True)
        self.birth_date_msg.setVisible(False)

        self.grid.addWidget(self.birth_date_msg, 3, 1, 1, 1)

        self.sex_msg = QLabel(PersonForm)
        self.sex_msg.setObjectName(u"sex_msg")
        self.sex_msg.setWordWrap(True)
        self.sex_msg.setVisible(False)

        self.grid.addWidget(self.sex_msg, 3, 3, 1, 1)

        self.label_address_detail = QLabel(PersonForm)
        self.label_address_detail.setObjectName(u"label_address_detail")

        self.grid.addWidget(self.label_address_detail, 4, 0, 1, 1)

        self.address_detail = QLineEdit(PersonForm)
        self.address_detail.setObjectName(u"address_detail")

        self.grid.addWidget(self.address_detail, 4, 1, 1, 3)

        self.address_detail_msg = QLabel(PersonForm)
        self.address_detail_msg.setObjectName(u"address_detail_msg")
        self.address_detail_msg.setWordWrap(True)
        self.address_detail_msg.setVisible(False)

        self.grid.addWidget(self.address_detail_msg, 5, 1, 1, 3)

        self.label_province = QLabel(PersonForm)
        self.label_province.setObjectName(u"label_province")

        self.grid.addWidget(self.label_province, 6, 0, 1, 1)

        self.province = UnitPicker(PersonForm)
        self.province.setObjectName(u"province")

        self.grid.addWidget(self.province, 6, 1, 1, 1)

        self.label_commune = QLabel(PersonForm)
        self.label_commune.setObjectName(u"label_commune")

        self.grid.addWidget(self.label_commune, 6, 2, 1, 1)

        self.commune = UnitPicker(PersonForm)
        self.commune.setObjectName(u"commune")

        self.grid.addWidget(self.commune, 6, 3, 1, 1)

        self.province_msg = QLabel(PersonForm)
        self.province_msg.setObjectName(u"province_msg")
        self.province_msg.setWordWrap(True)
        self.province_msg.setVisible(False)

        self.grid.addWidget(self.province_msg, 7, 1, 1, 1)

        self.commune_msg = QLabel(PersonForm)
        self.commune_msg.setObjectName(u"commune_msg")
        self.commune_msg.setWordWrap(True)
        self.commune_msg.setVisible(False)

        self.grid.addWidget(self.commune_msg, 7, 3, 1, 1)

        self.label_phone = QLabel(PersonForm)
        self.label_phone.setObjectName(u"label_phone")

        self.grid.addWidget(self.label_phone, 8, 0, 1, 1)

        self.phone = QLineEdit(PersonForm)
        self.phone.setObjectName(u"phone")

        self.grid.addWidget(self.phone, 8, 1, 1, 1)

        self.label_email = QLabel(PersonForm)
        self.label_email.setObjectName(u"label_email")

        self.grid.addWidget(self.label_email, 8, 2, 1, 1)

        self.email = QLineEdit(PersonForm)
        self.email.setObjectName(u"email")

        self.grid.addWidget(self.email, 8, 3, 1, 1)

        self.phone_msg = QLabel(PersonForm)
        self.phone_msg.setObjectName(u"phone_msg")
        self.phone_msg.setWordWrap(True)
        self.phone_msg.setVisible(False)

        self.grid.addWidget(self.phone_msg, 9, 1, 1, 1)

        self.email_msg = QLabel(PersonForm)
        self.email_msg.setObjectName(u"email_msg")
        self.email_msg.setWordWrap(True)
        self.email_msg.setVisible(False)

        self.grid.addWidget(self.email_msg, 9, 3, 1, 1)

        self.label_id_type = QLabel(PersonForm)
        self.label_id_type.setObjectName(u"label_id_type")

        self.grid.addWidget(self.label_id_type, 10, 0, 1, 1)

        self.id_type = QComboBox(PersonForm)
        self.id_type.setObjectName(u"id_type")

        self.grid.addWidget(self.id_type, 10, 1, 1, 1)

        self.label_id_number = QLabel(PersonForm)
        self.label_id_number.setObjectName(u"label_id_number")

        self.grid.addWidget(self.label_id_number, 10, 2, 1, 1)

        self.id_number = QLineEdit(PersonForm)
        self.id_number.setObjectName(u"id_number")

        self.grid.addWidget(self.id_number, 10, 3, 1, 1)

        self.id_type_msg = QLabel(PersonForm)
        self.id_type_msg.setObjectName(u"id_type_msg")
        self.id_type_msg.setWordWrap(True)
        self.id_type_msg.setVisible(False)

        self.grid.addWidget(self.id_type_msg, 11, 1, 1, 1)

        self.id_number_msg = QLabel(PersonForm)
        self.id_number_msg.setObjectName(u"id_number_msg")
        self.id_number_msg.setWordWrap(True)
        self.id_number_msg.setVisible(False)

        self.grid.addWidget(self.id_number_msg, 11, 3, 1, 1)

        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
#if QT_CONFIG(shortcut)
        self.label_full_name.setBuddy(self.full_name)
        self.label_birth_date.setBuddy(self.birth_date)
        self.label_sex.setBuddy(self.sex)
        self.label_address_detail.setBuddy(self.address_detail)
        self.label_province.setBuddy(self.province)
        self.label_commune.setBuddy(self.commune)
        self.label_phone.setBuddy(self.phone)
        self.label_email.setBuddy(self.email)
        self.label_id_type.setBuddy(self.id_type)
        self.label_id_number.setBuddy(self.id_number)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.full_name, self.birth_date)
        QWidget.setTabOrder(self.birth_date, self.sex)
        QWidget.setTabOrder(self.sex, self.address_detail)
        QWidget.setTabOrder(self.address_detail, self.province)
        QWidget.setTabOrder(self.province, self.commune)
        QWidget.setTabOrder(self.commune, self.phone)
        QWidget.setTabOrder(self.phone, self.email)
        QWidget.setTabOrder(self.email, self.id_type)
        QWidget.setTabOrder(self.id_type, self.id_number)

        self.retranslateUi(PersonForm)

        QMetaObject.connectSlotsByName(PersonForm)
    # setupUi

    def retranslateUi(self, PersonForm):
        PersonForm.setWindowTitle(QCoreApplication.translate("PersonForm", u"Th\u00f4ng tin c\u00e1 nh\u00e2n", None))
        self.label_full_name.setText(QCoreApplication.translate("PersonForm", u"&H\u1ecd v\u00e0 t\u00ean", None))
        self.full_name.setPlaceholderText(QCoreApplication.translate("PersonForm", u"H\u1ecd, ch\u1eef \u0111\u1ec7m v\u00e0 t\u00ean", None))
        self.full_name_msg.setText("")
        self.label_birth_date.setText(QCoreApplication.translate("PersonForm", u"Ng\u00e0y &sinh", None))
        self.label_sex.setText(QCoreApplication.translate("PersonForm", u"G&i\u1edbi t\u00ednh", None))
        self.sex.setItemText(0, "")
        self.sex.setItemText(1, QCoreApplication.translate("PersonForm", u"Nam", None))
        self.sex.setItemText(2, QCoreApplication.translate("PersonForm", u"N\u1eef", None))

        self.birth_date_msg.setText("")
        self.sex_msg.setText("")
        self.label_address_detail.setText(QCoreApplication.translate("PersonForm", u"\u0110\u1ecb&a ch\u1ec9", None))
        self.address_detail.setPlaceholderText(QCoreApplication.translate("PersonForm", u"S\u1ed1 nh\u00e0, \u0111\u01b0\u1eddng, th\u00f4n/x\u00f3m", None))
        self.address_detail_msg.setText("")
        self.label_province.setText(QCoreApplication.translate("PersonForm", u"T\u1ec9&nh/TP", None))
        self.label_commune.setText(QCoreApplication.translate("PersonForm", u"&X\u00e3/ph\u01b0\u1eddng", None))
        self.province_msg.setText("")
        self.commune_msg.setText("")
        self.label_phone.setText(QCoreApplication.translate("PersonForm", u"\u0110i\u1ec7n th&o\u1ea1i", None))
        self.phone.setPlaceholderText(QCoreApplication.translate("PersonForm", u"09xx xxx xxx", None))
        self.label_email.setText(QCoreApplication.translate("PersonForm", u"Th\u01b0 \u0111i\u1ec7n t\u1eed", None))
        self.email.setPlaceholderText(QCoreApplication.translate("PersonForm", u"ten@vidu.vn", None))
        self.phone_msg.setText("")
        self.email_msg.setText("")
        self.label_id_type.setText(QCoreApplication.translate("PersonForm", u"Gi\u1ea5y t\u1edd t\u00f9y th\u00e2n", None))
        self.label_id_number.setText(QCoreApplication.translate("PersonForm", u"S\u1ed1 gi\u1ea5&y t\u1edd", None))
        self.id_number.setPlaceholderText(QCoreApplication.translate("PersonForm", u"12 ch\u1eef s\u1ed1", None))
        self.id_type_msg.setText("")
        self.id_number_msg.setText("")
    # retranslateUi

